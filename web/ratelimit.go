package web

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Sign-in limits: failed attempts within loginWindow, per account name and
// per address, after which sign-in is refused until the oldest failure is
// loginWindow old. A correct password tried after the limit is refused too,
// so guessing gains nothing by going on.
const (
	loginWindow         = 15 * time.Minute
	maxAccountFailures  = 5
	maxAddressFailures  = 20
	maxLimiterKeys      = 10000
	limiterKeyAccount   = "account:"
	limiterKeyAddress   = "address:"
	ipv6PrefixForLimits = 64 // one household or server holds a whole /64
)

// loginLimiter counts failed sign-ins. It lives in memory: a restart
// forgets, which costs an attacker a wait for the server to restart.
type loginLimiter struct {
	mu    sync.Mutex
	fails map[string][]time.Time // key → failure times, oldest first, within the window
}

// recent returns the failures under key still within the window at now.
func (l *loginLimiter) recent(key string, now time.Time) []time.Time {
	ts := l.fails[key]
	i := 0
	for i < len(ts) && !now.Before(ts[i].Add(loginWindow)) {
		i++
	}
	if i == len(ts) {
		delete(l.fails, key)
		return nil
	}
	l.fails[key] = ts[i:]
	return ts[i:]
}

// wait returns how long the account name or the address must wait before
// another attempt, or zero when it may try now.
func (l *loginLimiter) wait(name, addr string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var d time.Duration
	for _, k := range []struct {
		key string
		max int
	}{{limiterKeyAccount + name, maxAccountFailures}, {limiterKeyAddress + addr, maxAddressFailures}} {
		ts := l.recent(k.key, now)
		if len(ts) >= k.max {
			d = max(d, ts[len(ts)-k.max].Add(loginWindow).Sub(now))
		}
	}
	return d
}

// fail records a failed sign-in for the account name and the address.
func (l *loginLimiter) fail(name, addr string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fails == nil {
		l.fails = map[string][]time.Time{}
	}
	if len(l.fails) >= maxLimiterKeys {
		for k := range l.fails {
			l.recent(k, now)
		}
	}
	if len(l.fails) >= maxLimiterKeys {
		// Still full of live keys: an attack from many addresses. Forgetting
		// the addresses keeps the per-account counts, which matter more.
		for k := range l.fails {
			if strings.HasPrefix(k, limiterKeyAddress) {
				delete(l.fails, k)
			}
		}
	}
	for _, k := range []string{limiterKeyAccount + name, limiterKeyAddress + addr} {
		l.fails[k] = append(l.fails[k], now)
	}
}

// succeed forgets the failures of an account that signed in.
func (l *loginLimiter) succeed(name string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, limiterKeyAccount+name)
}

// limitName is the account key of a sign-in name: names differing only in
// case or spaces count as one.
func limitName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// clientAddress is the address a request came from, for limits: the peer's
// IP (forwarding headers are not trusted: anyone can write them), an IPv6
// address cut to its /64.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(ipv6PrefixForLimits, 128)).String() + "/64"
	}
	return ip.String()
}
