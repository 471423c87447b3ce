package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/foiwire/foiwire"
)

func testAddUserAndAuthenticate(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if _, err := db.AddUser(ctx, "amira", foiwire.RoleEditor, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, user, pass string
		want             error
	}{
		{"right password", "amira", "correct horse battery", nil},
		{"wrong password", "amira", "correct horse battery!", foiwire.ErrBadLogin},
		{"unknown user", "bert", "correct horse battery", foiwire.ErrBadLogin},
		{"empty password", "amira", "", foiwire.ErrBadLogin},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := db.Authenticate(ctx, tt.user, tt.pass)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Authenticate(%q, %q) error = %v, want %v", tt.user, tt.pass, err, tt.want)
			}
			if tt.want == nil && (u.Name != "amira" || !u.CanEdit()) {
				t.Fatalf("Authenticate gave %+v", u)
			}
		})
	}
}

func testAddUserRefuses(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if _, err := db.AddUser(ctx, "amira", foiwire.RoleViewer, "a long enough one"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, user string
		role       foiwire.Role
		pass       string
		want       error
	}{
		{"taken name", "amira", foiwire.RoleViewer, "a long enough one", foiwire.ErrUserExists},
		{"short password", "cara", foiwire.RoleViewer, "short", foiwire.ErrWeakPass},
		{"unknown role", "cara", foiwire.Role("admin"), "a long enough one", nil},
		{"space in name", "ca ra", foiwire.RoleViewer, "a long enough one", nil},
		{"password over 72 bytes", "cara", foiwire.RoleViewer, string(make([]byte, 73)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.AddUser(ctx, tt.user, tt.role, tt.pass)
			if err == nil {
				t.Fatal("AddUser succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
		})
	}
}

func testSessions(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	now := time.Date(2024, 8, 1, 9, 0, 0, 0, time.UTC)
	db.SetNow(func() time.Time { return now })
	if _, err := db.AddUser(ctx, "amira", foiwire.RoleViewer, "a long enough one"); err != nil {
		t.Fatal(err)
	}
	s, err := db.NewSession(ctx, "amira", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if s.Token == "" || s.CSRF == "" || s.Token == s.CSRF {
		t.Fatalf("session tokens: %+v", s)
	}
	got, err := db.LookupSession(ctx, s.Token)
	if err != nil || got.User.Name != "amira" || got.CSRF != s.CSRF || got.User.CanEdit() {
		t.Fatalf("LookupSession = %+v, %v", got, err)
	}
	var stored int
	db.SQL().QueryRow(`SELECT count(*) FROM sessions WHERE token_hash = '` + s.Token + `'`).Scan(&stored)
	if stored != 0 {
		t.Fatal("the raw session token is stored in the database")
	}
	if _, err := db.LookupSession(ctx, s.Token+"x"); !errors.Is(err, foiwire.ErrNoSession) {
		t.Fatalf("a wrong token gave %v", err)
	}
	now = now.Add(61 * time.Minute)
	if _, err := db.LookupSession(ctx, s.Token); !errors.Is(err, foiwire.ErrNoSession) {
		t.Fatalf("an expired session gave %v", err)
	}
	s2, _ := db.NewSession(ctx, "amira", time.Hour)
	if err := db.EndSession(ctx, s2.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LookupSession(ctx, s2.Token); !errors.Is(err, foiwire.ErrNoSession) {
		t.Fatalf("a signed-out session gave %v", err)
	}
	s3, _ := db.NewSession(ctx, "amira", time.Hour)
	if err := db.SetPassword(ctx, "amira", "another long one"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LookupSession(ctx, s3.Token); !errors.Is(err, foiwire.ErrNoSession) {
		t.Fatalf("a session outlived a password change: %v", err)
	}
	if _, err := db.NewSession(ctx, "nobody", time.Hour); !errors.Is(err, foiwire.ErrNoUser) {
		t.Fatalf("a session for nobody gave %v", err)
	}
}

func testAPITokens(t *testing.T, open Opener) {
	ctx := context.Background()
	db := open(t)
	if _, err := db.AddUser(ctx, "cms", foiwire.RoleViewer, "a long enough one"); err != nil {
		t.Fatal(err)
	}
	tok, err := db.NewAPIToken(ctx, "cms", "newsroom CMS")
	if err != nil {
		t.Fatal(err)
	}
	if u, err := db.LookupAPIToken(ctx, tok); err != nil || u.Name != "cms" {
		t.Fatalf("LookupAPIToken = %+v, %v", u, err)
	}
	for _, bad := range []string{"", "fw_", tok[:len(tok)-1], "Bearer " + tok} {
		if _, err := db.LookupAPIToken(ctx, bad); !errors.Is(err, foiwire.ErrNoSession) {
			t.Errorf("LookupAPIToken(%q) error = %v, want foiwire.ErrNoSession", bad, err)
		}
	}
	if n, err := db.RevokeAPITokens(ctx, "cms"); n != 1 || err != nil {
		t.Fatalf("RevokeAPITokens = %d, %v", n, err)
	}
	if _, err := db.LookupAPIToken(ctx, tok); !errors.Is(err, foiwire.ErrNoSession) {
		t.Fatalf("a revoked token gave %v", err)
	}
	tok2, _ := db.NewAPIToken(ctx, "cms", "")
	if err := db.RemoveUser(ctx, "cms"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LookupAPIToken(ctx, tok2); !errors.Is(err, foiwire.ErrNoSession) {
		t.Fatalf("a removed user's token gave %v", err)
	}
}
