package web

import (
	"bytes"
	"crypto/rand"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// localPath returns p when it is a canonical path on this site, else def,
// so a "next" parameter cannot send anyone elsewhere. Browsers read "\"
// as "/" and drop tabs and newlines, and http.Redirect cleans dot
// segments, so "/./\host" would leave as "/\host", which a browser opens
// as //host. So p must start with "/", hold no backslash, control
// character, space or non-ASCII character, plain or percent-encoded where
// it matters, and its path must already be clean: no "//", "." or ".."
// segments, decoded ("/%2F%2Fhost") or not.
func localPath(p, def string) string {
	if !strings.HasPrefix(p, "/") || strings.ContainsFunc(p, func(r rune) bool { return r < 0x21 || r == 0x7f || r == '\\' || r > 0x7e }) {
		return def
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return def
	}
	if strings.ContainsFunc(u.Path, func(r rune) bool { return r < 0x21 || r == 0x7f || r == '\\' }) {
		return def
	}
	clean := path.Clean(u.Path)
	if strings.HasSuffix(u.Path, "/") && clean != "/" {
		clean += "/"
	}
	if clean != u.Path || strings.HasPrefix(clean, "//") {
		return def
	}
	return p
}

// absPath finds absolute file paths in a message: "/srv/news/out/kent/story.md".
var absPath = regexp.MustCompile(`(?:^|[\s"'(=:])(/[^\s"'():]+/)([^\s"'():/]+)`)

// withoutPaths returns msg with every absolute file path cut to its last
// element, so a message shown to a browser says which file without
// saying where the server keeps it.
func withoutPaths(msg string) string {
	return absPath.ReplaceAllStringFunc(msg, func(m string) string {
		lead := ""
		if m != "" && m[0] != '/' {
			lead, m = m[:1], m[1:]
		}
		return lead + filepath.Base(m)
	})
}

// serverError logs an unexpected failure with a code, and tells the user
// the code and nothing else: an error's text can hold file paths, SQL and
// other internals.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	b := make([]byte, 4)
	rand.Read(b)
	code := hex.EncodeToString(b)
	s.cfg.Log.Error("request failed", "error_code", code, "method", r.Method, "path", r.URL.Path, "error", err)
	msg := fmt.Sprintf("Something went wrong (error %s). The server's log has the details under that code.", code)
	if isAPI(r) {
		writeJSONError(w, http.StatusInternalServerError, msg)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, msg, http.StatusInternalServerError)
}

// numberCell is a cell a spreadsheet reads as a plain number.
var numberCell = regexp.MustCompile(`^[-+]?[0-9]+(?:\.[0-9]+)?$`)

// defuseCell returns a CSV cell that a spreadsheet will not run as a
// formula: one beginning with =, +, -, @, a tab or a carriage return gets
// a leading apostrophe, unless it is a plain number ("-12").
func defuseCell(c string) string {
	if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) || numberCell.MatchString(c) {
		return c
	}
	return "'" + c
}

// defuseCSV rewrites a CSV file with every cell passed through defuseCell.
func defuseCSV(b []byte) ([]byte, error) {
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("escape CSV: %w", err)
	}
	var out bytes.Buffer
	cw := csv.NewWriter(&out)
	for _, rec := range recs {
		for i := range rec {
			rec[i] = defuseCell(rec[i])
		}
		cw.Write(rec)
	}
	cw.Flush()
	return out.Bytes(), cw.Error()
}
