package table

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbook builds a workbook with fill, failing the test on error.
func workbook(t *testing.T, fill func(f *excelize.File) error) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := fill(f); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	tests := []struct {
		name    string
		fill    func(f *excelize.File) error
		want    [][][]string
		parts   []string
		warning string
	}{
		{
			name: "merged label down the rows, float noise displayed as Excel does",
			fill: func(f *excelize.File) error {
				rows := [][]any{{"Offence", "Year", "Count"}, {"Harassment", 2022, 0.1 + 0.2}, {nil, 2023, 14.000000000000002}}
				for r, row := range rows {
					if err := f.SetSheetRow("Sheet1", "A"+string(rune('1'+r)), &row); err != nil {
						return err
					}
				}
				return f.MergeCell("Sheet1", "A2", "A3")
			},
			want:  [][][]string{{{"Offence", "Year", "Count"}, {"Harassment", "2022", "0.3"}, {"Harassment", "2023", "14"}}},
			parts: []string{"Sheet1"},
		},
		{
			name: "two sheets, one hidden",
			fill: func(f *excelize.File) error {
				if _, err := f.NewSheet("Raw"); err != nil {
					return err
				}
				for _, sheet := range []string{"Sheet1", "Raw"} {
					if err := f.SetSheetRow(sheet, "A1", &[]any{"Year", "Count"}); err != nil {
						return err
					}
					if err := f.SetSheetRow(sheet, "A2", &[]any{2023, 4}); err != nil {
						return err
					}
				}
				return f.SetSheetVisible("Raw", false)
			},
			want:    [][][]string{{{"Year", "Count"}, {"2023", "4"}}, {{"Year", "Count"}, {"2023", "4"}}},
			parts:   []string{"Sheet1", "Raw"},
			warning: `sheet "Raw" is hidden`,
		},
		{
			name:    "empty workbook",
			fill:    func(f *excelize.File) error { return nil },
			warning: `sheet "Sheet1" has no table`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(context.Background(), "reply.xlsx", workbook(t, tt.fill))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Tables) != len(tt.want) {
				t.Fatalf("got %d tables, want %d", len(res.Tables), len(tt.want))
			}
			for i, want := range tt.want {
				assertRows(t, rowsOf(t, res.Tables[i]), want)
				if res.Tables[i].Part != tt.parts[i] {
					t.Errorf("table %d part = %q, want %q", i+1, res.Tables[i].Part, tt.parts[i])
				}
			}
			if tt.warning != "" && !hasWarning(res, tt.warning) {
				t.Errorf("warnings %q lack %q", res.Warnings, tt.warning)
			}
		})
	}
}

// TestZipRatio checks that a workbook member compressing far better than
// any real sheet is refused even when the total is under the size limit.
func TestZipRatio(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("xl/workbook.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write(bytes.Repeat([]byte(" "), 20<<20))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Read(context.Background(), "reply.xlsx", buf.Bytes())
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "to 1") {
		t.Errorf("error %v; want ErrTooLarge naming the ratio", err)
	}
}
