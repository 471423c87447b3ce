package table

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire/internal/layouts"
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

// benchGrid is a reply's table of n offence rows by five years.
func benchGrid(n int) [][]string {
	grid := [][]string{{"Offence", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24"}}
	for i := range n {
		grid = append(grid, []string{fmt.Sprintf("Offence group %d", i), fmt.Sprint(i % 97), fmt.Sprint(i % 89), fmt.Sprint(i % 83), fmt.Sprint(i % 79), fmt.Sprint(1000 + i%71)})
	}
	return grid
}

// benchReply renders an n-row reply in one format.
func benchReply(b *testing.B, format string, n int) (string, []byte) {
	b.Helper()
	grid := benchGrid(n)
	intro := "Thank you for your request. The figures are below.\n\n"
	var s strings.Builder
	switch format {
	case "html":
		s.WriteString("<html><body><p>" + intro + "</p><table>\n")
		for _, row := range grid {
			s.WriteString("<tr><td>" + strings.Join(row, "</td><td>") + "</td></tr>\n")
		}
		s.WriteString("</table></body></html>\n")
		return "reply.html", []byte(s.String())
	case "csv":
		for _, row := range grid {
			s.WriteString(strings.Join(row, ",") + "\n")
		}
		return "reply.csv", []byte(s.String())
	case "xlsx":
		data, err := layouts.Workbook(grid)
		if err != nil {
			b.Fatal(err)
		}
		return "reply.xlsx", data
	case "pdf":
		data, err := layouts.PDFFile(append([]string{"Freedom of Information response", ""}, layouts.Aligned(grid)...))
		if err != nil {
			b.Fatal(err)
		}
		return "reply.pdf", data
	case "txt":
		return "reply.txt", []byte(intro + strings.Join(layouts.Aligned(grid), "\n") + "\n")
	case "eml":
		var att strings.Builder
		for _, row := range grid {
			att.WriteString(strings.Join(row, ",") + "\r\n")
		}
		s.WriteString("From: Records Unit <records@authority.example>\r\nTo: r@example.org\r\nSubject: Your request\r\nMIME-Version: 1.0\r\n")
		s.WriteString("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n" + intro + "\r\n--b\r\n")
		s.WriteString("Content-Type: text/csv\r\nContent-Disposition: attachment; filename=\"figures.csv\"\r\n\r\n" + att.String() + "--b--\r\n")
		return "reply.eml", []byte(s.String())
	case "json":
		var body strings.Builder
		body.WriteString(intro)
		for _, row := range grid {
			body.WriteString(strings.Join(row, " ") + "\n")
		}
		msg, err := json.Marshal(map[string]any{"title": "Offences", "events": []map[string]any{
			{"type": "outgoing", "content": []string{"How many offences?"}},
			{"type": "incoming", "content": []string{body.String()}},
		}})
		if err != nil {
			b.Fatal(err)
		}
		return "thread.json", msg
	}
	b.Fatalf("no format %q", format)
	return "", nil
}

// BenchmarkReadRows reads replies of 1,000 and 5,000 rows in each format;
// ns/row staying level from one size to the other shows reading is linear
// in rows.
func BenchmarkReadRows(b *testing.B) {
	for _, format := range []string{"html", "csv", "xlsx", "pdf", "txt", "eml", "json"} {
		for _, n := range []int{1000, 5000} {
			name, data := benchReply(b, format, n)
			b.Run(fmt.Sprintf("%s/%d", format, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					res, err := Read(context.Background(), name, data)
					if err != nil {
						b.Fatal(err)
					}
					rows := 0
					for _, tb := range res.Tables {
						rows += len(tb.Rows)
					}
					if rows < n {
						b.Fatalf("%s: read %d rows of %d", name, rows, n)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
			})
		}
	}
}
