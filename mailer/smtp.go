package mailer

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// Security is how the connection to the SMTP server is protected.
type Security string

// The ways of protecting the connection.
const (
	// StartTLS connects in the clear and requires the server to offer
	// STARTTLS before anything else is sent (port 587).
	StartTLS Security = "starttls"
	// ImplicitTLS speaks TLS from the start (port 465).
	ImplicitTLS Security = "tls"
	// NoTLS sends in the clear: only for a relay on the same machine.
	NoTLS Security = "none"
)

// Config says how to reach the SMTP server.
type Config struct {
	Host     string
	Port     int // 0 means 587, or 465 for ImplicitTLS
	User     string
	Password string
	Security Security // "" means StartTLS
	// TLS, when set, replaces the default TLS settings (a private root
	// certificate, say). ServerName defaults to Host.
	TLS *tls.Config
	// Timeout bounds each connection; 0 means one minute.
	Timeout time.Duration
	// Hello is the name given in EHLO; "" means "localhost".
	Hello string
}

// ConfigFromEnv reads FOIWIRE_SMTP_HOST, FOIWIRE_SMTP_PORT,
// FOIWIRE_SMTP_USER, FOIWIRE_SMTP_PASSWORD and FOIWIRE_SMTP_SECURITY
// (starttls, tls or none) through getenv. It returns an error naming the
// variable that cannot be read.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Host:     getenv("FOIWIRE_SMTP_HOST"),
		User:     getenv("FOIWIRE_SMTP_USER"),
		Password: getenv("FOIWIRE_SMTP_PASSWORD"),
		Security: Security(strings.ToLower(getenv("FOIWIRE_SMTP_SECURITY"))),
	}
	if p := getenv("FOIWIRE_SMTP_PORT"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return c, fmt.Errorf("FOIWIRE_SMTP_PORT %q: not a port number", p)
		}
		c.Port = n
	}
	return c, nil
}

// Check returns an error saying what is missing or wrong in c, or nil.
func (c Config) Check() error {
	switch {
	case c.Host == "":
		return errors.New("SMTP: no host (--smtp-host or FOIWIRE_SMTP_HOST)")
	case c.Port < 0 || c.Port > 65535:
		return fmt.Errorf("SMTP: port %d out of range", c.Port)
	case (c.User == "") != (c.Password == ""):
		return errors.New("SMTP: give both a user and a password, or neither")
	}
	switch c.Security {
	case "", StartTLS, ImplicitTLS, NoTLS:
	default:
		return fmt.Errorf("SMTP: security %q: use starttls, tls or none", c.Security)
	}
	return nil
}

func (c Config) addr() string {
	port := c.Port
	if port == 0 {
		port = 587
		if c.Security == ImplicitTLS {
			port = 465
		}
	}
	return net.JoinHostPort(c.Host, strconv.Itoa(port))
}

// ErrNotSent is wrapped by a Transport's error when the message certainly
// did not go: the connection failed, or the server refused it.
var ErrNotSent = errors.New("not sent")

// ErrUncertain is wrapped by a Transport's error when the message may have
// gone: the connection broke after the message was handed over and before
// the server said it had taken it.
var ErrUncertain = errors.New("not known whether it was sent")

// SMTP sends mail through an SMTP server with net/smtp.
type SMTP struct{ Config Config }

// Send delivers msg from from to the addresses in to, in one SMTP
// session. Its error wraps ErrNotSent when the message certainly did not
// go and ErrUncertain when it may have.
func (s *SMTP) Send(ctx context.Context, from string, to []string, msg []byte) error {
	c := s.Config
	if err := c.Check(); err != nil {
		return fmt.Errorf("%w: %w", ErrNotSent, err)
	}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = time.Minute
	}
	tlsConf := &tls.Config{ServerName: c.Host, MinVersion: tls.VersionTLS12}
	if c.TLS != nil {
		tlsConf = c.TLS.Clone()
		if tlsConf.ServerName == "" {
			tlsConf.ServerName = c.Host
		}
	}
	d := &net.Dialer{Timeout: timeout}
	var conn net.Conn
	var err error
	if c.Security == ImplicitTLS {
		conn, err = (&tls.Dialer{NetDialer: d, Config: tlsConf}).DialContext(ctx, "tcp", c.addr())
	} else {
		conn, err = d.DialContext(ctx, "tcp", c.addr())
	}
	if err != nil {
		return fmt.Errorf("%w: connect to %s: %w", ErrNotSent, c.addr(), err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	notSent := func(step string, err error) error {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return fmt.Errorf("%w: %s at %s: %w", ErrNotSent, step, c.addr(), err)
	}
	cl, err := smtp.NewClient(conn, c.Host)
	if err != nil {
		return notSent("greeting", err)
	}
	hello := c.Hello
	if hello == "" {
		hello = "localhost"
	}
	if err := cl.Hello(hello); err != nil {
		return notSent("EHLO", err)
	}
	if c.Security == "" || c.Security == StartTLS {
		if ok, _ := cl.Extension("STARTTLS"); !ok {
			return notSent("STARTTLS", errors.New("the server does not offer STARTTLS (use security none only for a relay on this machine)"))
		}
		if err := cl.StartTLS(tlsConf); err != nil {
			return notSent("STARTTLS", err)
		}
	}
	if c.User != "" {
		if err := cl.Auth(smtp.PlainAuth("", c.User, c.Password, c.Host)); err != nil {
			return notSent("AUTH", err)
		}
	}
	if err := cl.Mail(from); err != nil {
		return notSent("MAIL FROM", err)
	}
	for _, rcpt := range to {
		if err := cl.Rcpt(rcpt); err != nil {
			return notSent("RCPT TO "+rcpt, err)
		}
	}
	w, err := cl.Data()
	if err != nil {
		return notSent("DATA", err)
	}
	if _, err := w.Write(msg); err != nil {
		// The server delivers nothing until it has read the final dot.
		return notSent("DATA", err)
	}
	if err := w.Close(); err != nil {
		var reply *textproto.Error
		if errors.As(err, &reply) {
			return notSent("end of DATA", err)
		}
		return fmt.Errorf("%w: waiting for %s to accept the message: %w", ErrUncertain, c.addr(), err)
	}
	// The server has taken the message; a failed goodbye changes nothing.
	_ = cl.Quit()
	return nil
}
