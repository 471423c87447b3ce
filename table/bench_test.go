package table

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire/internal/testenv"
)

// disclosurePage builds a long disclosure page: n questions, each a
// heading, a paragraph and a table of offences by year, as a force
// answering a many-part request would publish.
func disclosurePage(n int) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><title>FOI reply</title><script>var a = 1;</script></head><body>\n")
	for q := range n {
		fmt.Fprintf(&b, "<h2>Question %d</h2><p>How many offences of type %d were recorded in each year?</p>\n", q+1, q+1)
		b.WriteString("<table><thead><tr><th>Offence</th><th>2021/22</th><th>2022/23</th><th>2023/24</th></tr></thead><tbody>\n")
		for r := range 20 {
			fmt.Fprintf(&b, "<tr><td>Offence group %d</td><td>%d</td><td>%d</td><td>1,%03d</td></tr>\n", r, r*7, r*11, r*13)
		}
		b.WriteString("</tbody></table>\n")
	}
	b.WriteString("</body></html>\n")
	return []byte(b.String())
}

func BenchmarkReadHTML(b *testing.B) {
	page := disclosurePage(40)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		res, err := Read(context.Background(), "reply.html", page)
		if err != nil || len(res.Tables) != 40 {
			b.Fatalf("%v, %d tables", err, len(res.Tables))
		}
	}
}

func BenchmarkReadText(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "flattened.txt"))
	if shared, ok := testenv.SharedIfPresent(b); ok {
		data, err = os.ReadFile(filepath.Join(shared, "corpus", "foi", "dorset__01-fin-24-2153.txt"))
	}
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		res, err := Read(context.Background(), "reply.txt", data)
		if err != nil || len(res.Tables) != 2 {
			b.Fatalf("%v, %d tables", err, len(res.Tables))
		}
	}
}
