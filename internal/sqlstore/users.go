package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/foiwire/foiwire"

	"golang.org/x/crypto/bcrypt"
)

// maxPasswordBytes is the most bcrypt reads, so longer passwords are
// refused rather than silently cut.
const maxPasswordBytes = 72

// bcryptCost is bcrypt's work factor: about 50 ms a login on a laptop,
// cheap for a person and slow for a guesser.
const bcryptCost = 11

// dummyHash is compared against when the name is unknown, so an unknown
// name takes as long to refuse as a wrong password.
const dummyHash = "$2a$11$7bDpgM5wlLMZ9GoBmA1AxOROFhIqGM4LodfQxBS7DntiUGi5WWYqa"

// AddUser creates a user with a bcrypt hash of password. It returns an
// error wrapping foiwire.ErrUserExists when the name is taken, foiwire.ErrWeakPass for a
// password under foiwire.MinPasswordLength characters, or naming what failed.
func (db *DB) AddUser(ctx context.Context, name string, role foiwire.Role, password string) (foiwire.User, error) {
	name = strings.TrimSpace(name)
	if err := foiwire.CheckUserName(name); err != nil {
		return foiwire.User{}, err
	}
	if _, err := foiwire.ParseRole(string(role)); err != nil {
		return foiwire.User{}, fmt.Errorf("add user %s: %w", name, err)
	}
	hash, err := hashPassword(password)
	if err != nil {
		return foiwire.User{}, fmt.Errorf("add user %s: %w", name, err)
	}
	now := db.Now().UTC()
	res, err := db.c().exec(ctx, `INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(name) DO NOTHING`, name, string(role), hash, now.Format(time.RFC3339))
	if err != nil {
		return foiwire.User{}, fmt.Errorf("add user %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return foiwire.User{}, fmt.Errorf("add user %s: %w", name, foiwire.ErrUserExists)
	}
	return foiwire.User{Name: name, Role: role, Created: now.Truncate(time.Second)}, nil
}

func hashPassword(password string) (string, error) {
	if utf8.RuneCountInString(password) < foiwire.MinPasswordLength {
		return "", fmt.Errorf("%w: give at least %d characters", foiwire.ErrWeakPass, foiwire.MinPasswordLength)
	}
	if len(password) > maxPasswordBytes {
		return "", fmt.Errorf("password longer than %d bytes", maxPasswordBytes)
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcryptCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// SetPassword replaces a user's password and signs them out everywhere. It
// returns an error wrapping foiwire.ErrNoUser or foiwire.ErrWeakPass, or naming what failed.
func (db *DB) SetPassword(ctx context.Context, name, password string) error {
	hash, err := hashPassword(password)
	if err != nil {
		return fmt.Errorf("set password of %s: %w", name, err)
	}
	return db.inTx(ctx, func(tx conn) error {
		res, err := tx.exec(ctx, `UPDATE users SET password_hash = ? WHERE name = ?`, hash, name)
		if err != nil {
			return fmt.Errorf("set password of %s: %w", name, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("set password of %s: %w", name, foiwire.ErrNoUser)
		}
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_name = ?`, name); err != nil {
			return fmt.Errorf("end sessions of %s: %w", name, err)
		}
		return nil
	})
}

// RemoveUser deletes a user with their sessions and API tokens. The
// corrections they made keep their name. It returns an error wrapping
// foiwire.ErrNoUser when there is no such user.
func (db *DB) RemoveUser(ctx context.Context, name string) error {
	res, err := db.c().exec(ctx, `DELETE FROM users WHERE name = ?`, name)
	if err != nil {
		return fmt.Errorf("remove user %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("remove user %s: %w", name, foiwire.ErrNoUser)
	}
	return nil
}

// Users lists the users by name.
func (db *DB) Users(ctx context.Context) ([]foiwire.User, error) {
	rows, err := db.c().query(ctx, `SELECT name, role, created_at FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []foiwire.User
	for rows.Next() {
		var u foiwire.User
		var at string
		if err := rows.Scan(&u.Name, &u.Role, &at); err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		u.Created, _ = time.Parse(time.RFC3339, at)
		out = append(out, u)
	}
	return out, rows.Err()
}

// Authenticate checks a name and password. It returns an error wrapping
// foiwire.ErrBadLogin for an unknown name or a wrong password, taking about as
// long either way.
func (db *DB) Authenticate(ctx context.Context, name, password string) (foiwire.User, error) {
	var u foiwire.User
	var hash, at string
	err := db.c().queryRow(ctx, `SELECT name, role, password_hash, created_at FROM users WHERE name = ?`, name).
		Scan(&u.Name, &u.Role, &hash, &at)
	if errors.Is(err, sql.ErrNoRows) {
		bcrypt.CompareHashAndPassword([]byte(dummyHash), []byte(password))
		return foiwire.User{}, fmt.Errorf("sign in %q: %w", name, foiwire.ErrBadLogin)
	}
	if err != nil {
		return foiwire.User{}, fmt.Errorf("sign in %q: %w", name, err)
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil {
		return foiwire.User{}, fmt.Errorf("sign in %q: %w", name, foiwire.ErrBadLogin)
	}
	u.Created, _ = time.Parse(time.RFC3339, at)
	return u, nil
}

// NewSession starts a session for a user, lasting ttl. It returns an error
// wrapping foiwire.ErrNoUser when the user does not exist.
func (db *DB) NewSession(ctx context.Context, name string, ttl time.Duration) (foiwire.Session, error) {
	u, err := db.user(ctx, name)
	if err != nil {
		return foiwire.Session{}, fmt.Errorf("start session for %s: %w", name, err)
	}
	token, csrf := randomToken(), randomToken()
	now := db.Now().UTC()
	exp := now.Add(ttl).Truncate(time.Second)
	if _, err := db.c().exec(ctx, `INSERT INTO sessions (token_hash, user_name, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		tokenHash(token), name, csrf, now.Format(time.RFC3339), exp.Format(time.RFC3339)); err != nil {
		return foiwire.Session{}, fmt.Errorf("start session for %s: %w", name, err)
	}
	// Sessions that have run out are cleared here rather than by a timer.
	if _, err := db.c().exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, now.Format(time.RFC3339)); err != nil {
		return foiwire.Session{}, fmt.Errorf("clear expired sessions: %w", err)
	}
	return foiwire.Session{Token: token, CSRF: csrf, User: u, Expires: exp}, nil
}

// LookupSession returns the live session whose cookie value is token, with
// its user. It returns an error wrapping foiwire.ErrNoSession when there is none or
// it has expired.
func (db *DB) LookupSession(ctx context.Context, token string) (foiwire.Session, error) {
	if token == "" {
		return foiwire.Session{}, foiwire.ErrNoSession
	}
	var s foiwire.Session
	var exp, created string
	err := db.c().queryRow(ctx, `SELECT s.csrf, s.expires_at, u.name, u.role, u.created_at
		FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = ?`, tokenHash(token)).
		Scan(&s.CSRF, &exp, &s.User.Name, &s.User.Role, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return foiwire.Session{}, foiwire.ErrNoSession
	}
	if err != nil {
		return foiwire.Session{}, fmt.Errorf("read session: %w", err)
	}
	s.Expires, err = time.Parse(time.RFC3339, exp)
	if err != nil || !db.Now().Before(s.Expires) {
		return foiwire.Session{}, foiwire.ErrNoSession
	}
	s.User.Created, _ = time.Parse(time.RFC3339, created)
	s.Token = token
	return s, nil
}

// EndSession signs a session out. Ending an unknown session is not an error.
func (db *DB) EndSession(ctx context.Context, token string) error {
	if _, err := db.c().exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash(token)); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// NewAPIToken makes a read-only API token for a user and returns it; only
// its hash is kept, so it cannot be shown again. It returns an error
// wrapping foiwire.ErrNoUser when the user does not exist.
func (db *DB) NewAPIToken(ctx context.Context, name, label string) (string, error) {
	if _, err := db.user(ctx, name); err != nil {
		return "", fmt.Errorf("make token for %s: %w", name, err)
	}
	token := "fw_" + randomToken()
	if _, err := db.c().exec(ctx, `INSERT INTO api_tokens (token_hash, user_name, label, created_at) VALUES (?, ?, ?, ?)`,
		tokenHash(token), name, label, db.Now().UTC().Format(time.RFC3339)); err != nil {
		return "", fmt.Errorf("make token for %s: %w", name, err)
	}
	return token, nil
}

// LookupAPIToken returns the user an API token belongs to. It returns an
// error wrapping foiwire.ErrNoSession when the token is unknown or revoked.
func (db *DB) LookupAPIToken(ctx context.Context, token string) (foiwire.User, error) {
	if !strings.HasPrefix(token, "fw_") {
		return foiwire.User{}, foiwire.ErrNoSession
	}
	var u foiwire.User
	var created string
	err := db.c().queryRow(ctx, `SELECT u.name, u.role, u.created_at FROM api_tokens t JOIN users u ON u.name = t.user_name
		WHERE t.token_hash = ?`, tokenHash(token)).Scan(&u.Name, &u.Role, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return foiwire.User{}, foiwire.ErrNoSession
	}
	if err != nil {
		return foiwire.User{}, fmt.Errorf("read API token: %w", err)
	}
	u.Created, _ = time.Parse(time.RFC3339, created)
	return u, nil
}

// RevokeAPITokens deletes every API token of a user and returns how many
// there were.
func (db *DB) RevokeAPITokens(ctx context.Context, name string) (int, error) {
	res, err := db.c().exec(ctx, `DELETE FROM api_tokens WHERE user_name = ?`, name)
	if err != nil {
		return 0, fmt.Errorf("revoke tokens of %s: %w", name, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

func (db *DB) user(ctx context.Context, name string) (foiwire.User, error) {
	var u foiwire.User
	var at string
	err := db.c().queryRow(ctx, `SELECT name, role, created_at FROM users WHERE name = ?`, name).Scan(&u.Name, &u.Role, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return foiwire.User{}, foiwire.ErrNoUser
	}
	if err != nil {
		return foiwire.User{}, err
	}
	u.Created, _ = time.Parse(time.RFC3339, at)
	return u, nil
}

// randomToken returns 256 random bits, URL-safe. crypto/rand.Read never
// fails on the platforms Go supports.
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
