package pdftext

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// maxRepairObjects bounds the objects a rebuilt cross-reference table
// may list.
const maxRepairObjects = 1 << 20

var (
	objStartRE = regexp.MustCompile(`(?:^|[\r\n\s])(\d{1,7})[ \t\r\n]+(\d{1,5})[ \t\r\n]+obj\b`)
	catalogRE  = regexp.MustCompile(`/Type\s*/Catalog\b`)
)

// repair rebuilds the cross-reference table of a PDF whose own table is
// missing or points to the wrong places (a file cut and re-joined, edited
// by hand, or saved by a careless tool), as PDF readers do: it finds every
// "N G obj" in the file, takes the catalog as the root, and appends a new
// table and trailer. It returns nil when the file holds no catalog.
// Objects packed inside object streams are not found this way.
func repair(body []byte) []byte {
	type entry struct{ off, gen int }
	objs := map[int]entry{}
	var starts []int // offsets of every object found, in order
	var nums []int
	maxNum := 0
	for _, m := range objStartRE.FindAllSubmatchIndex(body, maxRepairObjects) {
		num, err1 := strconv.Atoi(string(body[m[2]:m[3]]))
		gen, err2 := strconv.Atoi(string(body[m[4]:m[5]]))
		if err1 != nil || err2 != nil || num <= 0 || num >= maxRepairObjects {
			continue
		}
		objs[num] = entry{m[2], gen} // a later definition replaces an earlier one, as an update does
		starts = append(starts, m[2])
		nums = append(nums, num)
		maxNum = max(maxNum, num)
	}
	root := -1
	for _, c := range catalogRE.FindAllIndex(body, -1) {
		// The catalog is the object that starts last before "/Type /Catalog".
		for i := len(starts) - 1; i >= 0; i-- {
			if starts[i] < c[0] {
				root = nums[i]
				break
			}
		}
	}
	if root < 0 {
		return nil
	}
	var b bytes.Buffer
	b.Write(body)
	b.WriteString("\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n", maxNum+1)
	b.WriteString("0000000000 65535 f \n")
	for n := 1; n <= maxNum; n++ {
		if e, ok := objs[n]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", e.off, e.gen)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d %d R >>\nstartxref\n%d\n%%%%EOF\n", maxNum+1, root, objs[root].gen, xref)
	return b.Bytes()
}
