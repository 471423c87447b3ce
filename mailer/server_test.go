package mailer

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// testServer is a real SMTP server on loopback: STARTTLS with a
// certificate made for the test, AUTH PLAIN, and every message kept in
// the order it arrived. Mail to inbox is also written into a Maildir, as a
// mail server would deliver it.
type testServer struct {
	addr    string
	port    int
	roots   *x509.CertPool
	inbox   string // the address whose mail goes to the Maildir
	maildir string

	mu   sync.Mutex
	got  []delivery
	seq  int
	user string
	pass string
}

type delivery struct {
	from string
	to   []string
	data []byte
}

func startServer(t *testing.T, inbox string) *testServer {
	t.Helper()
	cert, roots := selfSigned(t)
	ts := &testServer{inbox: inbox, maildir: filepath.Join(t.TempDir(), "Maildir"), roots: roots, user: "desk", pass: "s3cret"}
	for _, sub := range []string{"new", "cur", "tmp"} {
		if err := os.MkdirAll(filepath.Join(ts.maildir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	s := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &testSession{ts: ts}, nil }))
	s.Domain = "localhost"
	s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	s.MaxMessageBytes = 10 << 20
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.addr = l.Addr().String()
	ts.port = l.Addr().(*net.TCPAddr).Port
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return ts
}

func (ts *testServer) config() Config {
	return Config{Host: "127.0.0.1", Port: ts.port, User: ts.user, Password: ts.pass,
		TLS: &tls.Config{RootCAs: ts.roots, ServerName: "127.0.0.1"}, Timeout: 10 * time.Second}
}

// to returns the messages delivered to each address.
func (ts *testServer) to() map[string][][]byte {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	out := map[string][][]byte{}
	for _, d := range ts.got {
		for _, rcpt := range d.to {
			out[rcpt] = append(out[rcpt], d.data)
		}
	}
	return out
}

type testSession struct {
	ts     *testServer
	authed bool
	from   string
	to     []string
}

func (s *testSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *testSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if user != s.ts.user || pass != s.ts.pass {
			return errors.New("invalid credentials")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *testSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, strings.ToLower(to))
	return nil
}

func (s *testSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.ts.mu.Lock()
	defer s.ts.mu.Unlock()
	s.ts.got = append(s.ts.got, delivery{s.from, s.to, b})
	for _, rcpt := range s.to {
		if rcpt == s.ts.inbox {
			s.ts.seq++
			name := fmt.Sprintf("%d.M%dP1.test", 1718000000+s.ts.seq, s.ts.seq)
			tmp := filepath.Join(s.ts.maildir, "tmp", name)
			if err := os.WriteFile(tmp, b, 0o644); err != nil {
				return err
			}
			if err := os.Rename(tmp, filepath.Join(s.ts.maildir, "new", name)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *testSession) Reset()        { s.from, s.to = "", nil }
func (s *testSession) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "foiwire test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
