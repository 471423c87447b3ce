package pipeline

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/foiwire/foiwire/bench/gen"
	"github.com/foiwire/foiwire/internal/testenv"
)

// The tests here count the reply files opened (repliesOpened), a count
// shared by the whole package: none of them may run in parallel.

var statCampaign = gen.Options{Forces: 2, Replies: 3, Rows: 5, Seed: 3}

func statClock() time.Time { return time.Date(2024, 8, 1, 9, 0, 0, 0, time.UTC) }

// statBuild builds dir and returns the result and how many reply files the
// build opened.
func statBuild(t *testing.T, dir string) (*Result, int64) {
	t.Helper()
	n := repliesOpened.Load()
	res, err := Build(context.Background(), Options{Dir: dir, Now: statClock})
	if err != nil {
		t.Fatal(err)
	}
	return res, repliesOpened.Load() - n
}

// statFixture is a built campaign whose ledger's signatures are all
// trusted, as after a build made a while after the replies last changed,
// and one of its replies.
func statFixture(t *testing.T) (dir, reply string) {
	t.Helper()
	if _, ok := signatureOf(mustLstat(t, t.TempDir())); !ok {
		t.Skip("no file signatures on this system: every reply is read")
	}
	dir = t.TempDir()
	if _, err := gen.Campaign(context.Background(), dir, statCampaign); err != nil {
		t.Fatal(err)
	}
	statBuild(t, dir)
	editLedger(t, dir, func(key string, s *saved) {
		if s.Stat == nil {
			t.Fatalf("%s: no signature in the ledger", key)
		}
		s.Stat.Taken += 2 * racyMargin.Nanoseconds()
	})
	if _, opened := statBuild(t, dir); opened != 0 {
		t.Fatalf("nothing changed and every signature trusted, yet %d replies opened", opened)
	}
	// A CSV reply, whose digits can be changed without breaking it.
	files, err := filepath.Glob(filepath.Join(dir, "replies", "*", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no CSV reply: %v", err)
	}
	slices.Sort(files)
	return dir, files[0]
}

func mustLstat(t *testing.T, name string) fs.FileInfo {
	t.Helper()
	st, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// editLedger changes every entry of dir's saved ledger.
func editLedger(t *testing.T, dir string, edit func(key string, s *saved)) {
	t.Helper()
	name := filepath.Join(dir, filepath.FromSlash(CacheDir), "saved.json")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var l savedLedger
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatal(err)
	}
	for k, s := range l.Replies {
		edit(k, &s)
		l.Replies[k] = s
	}
	if b, err = json.Marshal(&l); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// ledgerKey is reply's key in dir's ledger.
func ledgerKey(t *testing.T, dir, reply string) string {
	rel, err := filepath.Rel(filepath.Join(dir, "replies"), reply)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(rel)
}

// sameAsCold fails unless dir's outputs are those of a cold build, with no
// cache, of a copy of its replies.
func sameAsCold(t *testing.T, dir string) {
	t.Helper()
	cold := testenv.CopyDir(t, dir, func(rel string) bool {
		return rel == "out" || rel == ".foiwire" || strings.HasPrefix(rel, "foiwire.db")
	})
	if _, err := Build(context.Background(), Options{Dir: cold, Now: statClock, NoCache: true, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	want, got := readOutputs(t, filepath.Join(cold, "out")), readOutputs(t, filepath.Join(dir, "out"))
	for name, b := range want {
		if !bytes.Equal(b, got[name]) {
			t.Errorf("%s differs from a cold build's", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s not written by a cold build", name)
		}
	}
}

func readOutputs(t *testing.T, out string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[p[len(out):]] = b
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("outputs in %s: %d files, %v", out, len(files), err)
	}
	return files
}

// sameSize returns b with its first digit changed: as many bytes, other
// figures.
func sameSize(t *testing.T, b []byte) []byte {
	t.Helper()
	i := bytes.IndexAny(b, "123456789")
	if i < 0 {
		t.Fatal("no digit to change")
	}
	c := bytes.Clone(b)
	c[i] = '1' + (c[i]-'1'+1)%9
	return c
}

// TestSignatureDecidesWhatIsRead changes a reply of a campaign whose
// ledger trusts every signature, in the ways a file can change, and
// checks which replies the rebuild opened and that its outputs are a cold
// build's.
func TestSignatureDecidesWhatIsRead(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, dir, reply string)
		// opened is how many replies the rebuild must open; reused how
		// many of its reads come from the cache or the ledger (-1: all).
		opened, reused int
	}{
		{
			// A file rewritten within one tick of a coarse clock of the
			// moment its signature was taken keeps the times it had then:
			// the modification time is put back, and the ledger made to
			// hold the new change time, taken a moment after the rewrite.
			// Only the racy guard then sends the file to be read.
			name: "same-size rewrite within the racy window",
			change: func(t *testing.T, dir, reply string) {
				st := mustLstat(t, reply)
				b, err := os.ReadFile(reply)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(reply, sameSize(t, b), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(reply, time.Time{}, st.ModTime()); err != nil {
					t.Fatal(err)
				}
				sig, _ := signatureOf(mustLstat(t, reply))
				key := ledgerKey(t, dir, reply)
				editLedger(t, dir, func(k string, s *saved) {
					if k == key {
						s.Stat.statSig = sig
						s.Stat.Taken = sig.Ctime + time.Millisecond.Nanoseconds()
					}
				})
			},
			opened: 1, reused: 5,
		},
		{
			name: "replaced by rename, same size and modification time",
			change: func(t *testing.T, dir, reply string) {
				st := mustLstat(t, reply)
				b, err := os.ReadFile(reply)
				if err != nil {
					t.Fatal(err)
				}
				tmp := reply + ".new"
				if err := os.WriteFile(tmp, sameSize(t, b), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(tmp, time.Time{}, st.ModTime()); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(tmp, reply); err != nil {
					t.Fatal(err)
				}
			},
			opened: 1, reused: 5,
		},
		{
			// Only the change time moves: the file is hashed, found the
			// same, and neither read nor saved again.
			name: "touched, same bytes and modification time",
			change: func(t *testing.T, dir, reply string) {
				st := mustLstat(t, reply)
				if err := os.Chtimes(reply, time.Time{}, st.ModTime()); err != nil {
					t.Fatal(err)
				}
			},
			opened: 1, reused: -1,
		},
		{
			// A new modification time is the reply's arrival: saved
			// again, but read from the cache.
			name: "touched, same bytes",
			change: func(t *testing.T, dir, reply string) {
				if err := os.Chtimes(reply, time.Time{}, time.Now().Add(-time.Hour)); err != nil {
					t.Fatal(err)
				}
			},
			opened: 1, reused: -1,
		},
		{
			// The read's key hangs on more than the bytes: every reply is
			// read again, though no file's signature moved.
			name: "campaign.yaml edited",
			change: func(t *testing.T, dir, reply string) {
				name := filepath.Join(dir, "campaign.yaml")
				b, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(name, append(b, "# edited\n"...), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			opened: 6, reused: 0,
		},
		{
			name:   "nothing changed",
			change: func(t *testing.T, dir, reply string) {},
			opened: 0, reused: -1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, reply := statFixture(t)
			tc.change(t, dir, reply)
			res, opened := statBuild(t, dir)
			if opened != int64(tc.opened) {
				t.Errorf("%d replies opened, want %d", opened, tc.opened)
			}
			if want := tc.reused; want >= 0 && res.Reused != want || want < 0 && res.Reused != res.Replies {
				t.Errorf("%d of %d replies reused, want %d", res.Reused, res.Replies, tc.reused)
			}
			sameAsCold(t, dir)
			// A file hashed and found the same has its signature renewed:
			// once that is trusted, the file is left shut.
			editLedger(t, dir, func(_ string, s *saved) { s.Stat.Taken += 2 * racyMargin.Nanoseconds() })
			if _, opened := statBuild(t, dir); opened != 0 {
				t.Errorf("built again with nothing changed: %d replies opened", opened)
			}
		})
	}
}

// TestSignatureTrustedOnlyWhenOld: a reply whose times are not older than
// the moment its signature was taken by racyMargin is hashed at every
// build, and one build made racyMargin after the replies last changed is
// enough for the next to open none. The replies' times are set so that
// the outcome does not hang on how long a build takes.
func TestSignatureTrustedOnlyWhenOld(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.Campaign(context.Background(), dir, statCampaign); err != nil {
		t.Fatal(err)
	}
	if _, ok := signatureOf(mustLstat(t, dir)); !ok {
		t.Skip("no file signatures on this system: every reply is read")
	}
	replies, err := filepath.Glob(filepath.Join(dir, "replies", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	setTimes := func(mtime time.Time) {
		for _, r := range replies {
			if err := os.Chtimes(r, time.Time{}, mtime); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Modified in an hour, as a file system whose clock runs ahead could
	// say: never trusted.
	setTimes(time.Now().Add(time.Hour))
	cold, _ := statBuild(t, dir)
	if res, opened := statBuild(t, dir); opened != int64(cold.Replies) || res.Reused != res.Replies {
		t.Fatalf("modification times ahead of the clock: %d of %d replies opened, want all; %d reused", opened, cold.Replies, res.Reused)
	}
	// Modified an hour ago, but changed (the change time) just now.
	setTimes(time.Now().Add(-time.Hour))
	if _, opened := statBuild(t, dir); opened != int64(cold.Replies) {
		t.Fatalf("touched: %d of %d replies opened, want all", opened, cold.Replies)
	}
	time.Sleep(racyMargin + 100*time.Millisecond)
	statBuild(t, dir)
	if res, opened := statBuild(t, dir); opened != 0 || res.Reused != res.Replies {
		t.Fatalf("rebuilt after a build made once the replies were old enough: %d replies opened, %d of %d reused", opened, res.Reused, res.Replies)
	}
	sameAsCold(t, dir)
}

// TestSignatureRecreatedDatabase deletes the database of a campaign whose
// ledger trusts every signature: every reply is saved again, bytes and
// all, whether the new database is told apart by its inode or, when the
// inode is used again, only by its missing figures.
func TestSignatureRecreatedDatabase(t *testing.T) {
	for _, reuse := range []bool{false, true} {
		t.Run(map[bool]string{false: "new inode", true: "inode used again"}[reuse], func(t *testing.T) {
			dir, _ := statFixture(t)
			db := filepath.Join(dir, "foiwire.db")
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(db + suffix)
			}
			if reuse {
				if err := os.WriteFile(db, nil, 0o644); err != nil {
					t.Fatal(err)
				}
				id := databaseIdentity(db)
				name := filepath.Join(dir, filepath.FromSlash(CacheDir), "saved.json")
				b, _ := os.ReadFile(name)
				var l savedLedger
				if err := json.Unmarshal(b, &l); err != nil {
					t.Fatal(err)
				}
				l.DB = id
				b, _ = json.Marshal(&l)
				if err := os.WriteFile(name, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res, opened := statBuild(t, dir)
			if len(res.Problems) > 0 {
				t.Errorf("problems: %v", res.Problems)
			}
			if opened != int64(res.Replies) {
				t.Errorf("%d of %d replies opened: every one must be read to be saved again", opened, res.Replies)
			}
			sameAsCold(t, dir)
			sqldb, err := sql.Open("sqlite", db)
			if err != nil {
				t.Fatal(err)
			}
			defer sqldb.Close()
			var docs, empty int
			err = sqldb.QueryRow(`SELECT count(*), count(*) FILTER (WHERE data IS NULL OR length(data) = 0 OR length(data) != size) FROM documents`).Scan(&docs, &empty)
			if err != nil {
				t.Fatal(err)
			}
			if docs != res.Replies || empty > 0 {
				t.Errorf("%d documents saved for %d replies, %d without their bytes", docs, res.Replies, empty)
			}
		})
	}
}

// TestSignatureSymlinkRefused puts a link to a copy of a reply where the
// reply was: it is refused, as ever, though the ledger trusts the
// signature of the file it replaced.
func TestSignatureSymlinkRefused(t *testing.T) {
	dir, reply := statFixture(t)
	b, err := os.ReadFile(reply)
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.WriteFile(target, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(reply); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, reply); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	res, _ := statBuild(t, dir)
	key := ledgerKey(t, dir, reply)
	found := false
	for _, a := range res.Accounts {
		if a.Authority+"/"+a.File == key {
			found = true
			if a.Outcome != OutcomeUnreadable || !strings.Contains(a.Message, "refused: a symbolic link") {
				t.Errorf("link in place of a reply: %s", a.Line())
			}
		}
	}
	if !found {
		t.Errorf("no account for %s", key)
	}
}
