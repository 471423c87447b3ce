package foiwire

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Role says what a user may do in the web app.
type Role string

// The roles a user can have.
const (
	RoleEditor Role = "editor" // may confirm and correct figures, approve stories, set embargoes
	RoleViewer Role = "viewer" // may look, never change
)

// ParseRole reads "editor" or "viewer"; anything else is an error.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case RoleEditor, RoleViewer:
		return r, nil
	}
	return "", fmt.Errorf("role %q: use editor or viewer", s)
}

// User is a person who may sign in to the web app.
type User struct {
	Name    string
	Role    Role
	Created time.Time
}

// CanEdit reports whether the user may change anything.
func (u User) CanEdit() bool { return u.Role == RoleEditor }

// Session is a signed-in browser.
type Session struct {
	// Token is the cookie's value. It is only ever known when the session is
	// made: the store keeps its hash.
	Token string
	// CSRF is the token every form of this session must send back.
	CSRF    string
	User    User
	Expires time.Time
}

// Errors from accounts, sessions and tokens; test with errors.Is.
var (
	ErrUserExists = errors.New("user already exists")
	ErrNoUser     = errors.New("no such user")
	// ErrBadLogin is returned for an unknown name and a wrong password
	// alike, so a caller cannot tell which it was.
	ErrBadLogin = errors.New("wrong name or password")
	// ErrNoSession is returned for a session or token that is unknown,
	// expired or whose user has been removed.
	ErrNoSession = errors.New("no such session")
	ErrWeakPass  = errors.New("password too short")
)

// MinPasswordLength is the fewest characters a password may have.
const MinPasswordLength = 10

// CheckUserName returns an error saying what is wrong with a user name:
// empty, longer than 64 bytes, or holding spaces or control characters.
func CheckUserName(name string) error {
	if name == "" || len(name) > 64 {
		return fmt.Errorf("user name %q: give 1 to 64 characters", name)
	}
	for _, r := range name {
		if r <= ' ' || r == 0x7f {
			return fmt.Errorf("user name %q: no spaces or control characters", name)
		}
	}
	return nil
}

// SameToken compares two secrets in constant time.
func SameToken(a, b string) bool {
	return len(a) == len(b) && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
