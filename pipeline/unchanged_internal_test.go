package pipeline

import (
	"reflect"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
)

// TestAppendFigureCoversEveryField changes each field of a figure in turn
// (walking into Period and Source) and fails when the hash does not move:
// a field added to Figure must be added to appendFigure, or the saved ledger
// would take a changed reading for the one in the database.
func TestAppendFigureCoversEveryField(t *testing.T) {
	sum := func(f foiwire.Figure) string { return string(appendFigure(nil, &f)) }
	base := foiwire.Figure{}
	want := sum(base)
	var walk func(v reflect.Value, path string)
	changed := 0
	walk = func(v reflect.Value, path string) {
		for i := range v.NumField() {
			fv, name := v.Field(i), path+v.Type().Field(i).Name
			if !v.Type().Field(i).IsExported() {
				continue
			}
			switch {
			case fv.Type() == reflect.TypeFor[foiwire.Date]():
				fv.Set(reflect.ValueOf(foiwire.NewDate(2022, time.March, 31)))
			case fv.Kind() == reflect.Struct:
				walk(fv, name+".")
				continue
			case fv.Kind() == reflect.String:
				fv.SetString("x")
			case fv.Kind() == reflect.Int:
				fv.SetInt(7)
			case fv.Kind() == reflect.Bool:
				fv.SetBool(true)
			case fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.Int64:
				fv.Set(reflect.ValueOf(foiwire.Int64(0)))
			default:
				t.Fatalf("field %s of kind %s: teach this test and appendFigure about it", name, fv.Kind())
			}
			if got := sum(base); got == want {
				t.Errorf("changing %s leaves the figure's encoding as it was", name)
			}
			changed++
			fv.Set(reflect.Zero(fv.Type()))
		}
	}
	walk(reflect.ValueOf(&base).Elem(), "")
	if changed < 18 {
		t.Errorf("only %d fields tried", changed)
	}
	// Moving a character from one field to the next changes the hash too.
	a := foiwire.Figure{Label: "ab", Category: "c"}
	b := foiwire.Figure{Label: "a", Category: "bc"}
	if sum(a) == sum(b) {
		t.Error("label/category boundary not encoded")
	}
}
