package table

import (
	"strings"
	"testing"
	"time"
)

// TestLongProse checks that prose is read in time linear in its length:
// one long paragraph of sentences, and one with no sentence end at all.
func TestLongProse(t *testing.T) {
	for name, text := range map[string]string{
		"sentences":     strings.Repeat("In 2021 there were 45 offences. ", 20000),
		"one sentence":  strings.Repeat("a. b 45 ", 15000),
		"spaced rows":   strings.Repeat("Place 4 5\n", 20000),
		"lone values":   strings.Repeat("1\n", 40000),
		"question runs": strings.Repeat("How many were there\n12\n", 15000),
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			read(t, "long.txt", text)
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
