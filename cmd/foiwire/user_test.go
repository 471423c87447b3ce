package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foiwire/foiwire/sqlite"
)

func runWithInput(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // a part of it
		stderr string
	}{
		{"add an editor", "a-long-password\n", []string{"user", "add", "amira", "--role", "editor", "--password-stdin", "--dir", dir}, 0, "Added amira (editor)", ""},
		{"add a viewer", "another-password\n", []string{"user", "add", "cms", "--role", "viewer", "--password-stdin", "--dir", dir}, 0, "Added cms (viewer)", ""},
		{"name taken", "a-long-password\n", []string{"user", "add", "amira", "--role", "viewer", "--password-stdin", "--dir", dir}, 2, "", "already exists"},
		{"short password", "short\n", []string{"user", "add", "bert", "--role", "viewer", "--password-stdin", "--dir", dir}, 2, "", "password too short"},
		{"unknown role", "a-long-password\n", []string{"user", "add", "bert", "--role", "admin", "--password-stdin", "--dir", dir}, 2, "", "use editor or viewer"},
		{"no role", "a-long-password\n", []string{"user", "add", "bert", "--password-stdin", "--dir", dir}, 2, "", "role"},
		{"no terminal", "", []string{"user", "add", "bert", "--role", "viewer", "--dir", dir}, 2, "", "--password-stdin"},
		{"token", "", []string{"user", "token", "cms", "--label", "CMS", "--dir", dir}, 0, "fw_", ""},
		{"token for nobody", "", []string{"user", "token", "nobody", "--dir", dir}, 2, "", "no such user"},
		{"list", "", []string{"user", "list", "--dir", dir}, 0, "amira\teditor", ""},
		{"password", "a-new-password\n", []string{"user", "password", "amira", "--password-stdin", "--dir", dir}, 0, "Password of amira changed", ""},
		{"revoke", "", []string{"user", "token", "cms", "--revoke", "--dir", dir}, 0, "Revoked 1 token", ""},
		{"remove", "", []string{"user", "remove", "cms", "--dir", dir}, 0, "Removed cms", ""},
		{"remove again", "", []string{"user", "remove", "cms", "--dir", dir}, 2, "", "no such user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := runWithInput(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errs, tt.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tt.code, out, errs)
			}
		})
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "foiwire.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Authenticate(context.Background(), "amira", "a-new-password"); err != nil {
		t.Fatalf("the changed password does not sign in: %v", err)
	}
}
