package pipeline

import (
	"context"
	"crypto/sha256"
	"runtime"
	"sync"
	"time"

	"github.com/foiwire/foiwire"
	"github.com/foiwire/foiwire/campaign"
	"github.com/foiwire/foiwire/dataset"
)

// readResult is one reply file read, or why it could not be.
type readResult struct {
	// problem is set when the file could not even be opened or was too
	// big; nothing else is then set.
	problem string
	data    []byte
	modTime time.Time
	out     *dataset.Output
	err     error // dataset.Read's error: out may still be set
	key     string
	// sum is the SHA-256 of data and stat the file's signature as it was
	// read, for the ledger; stat is nil when the file was not read (known
	// from its signature), the system gives no signature, or caching is
	// off.
	sum    [sha256.Size]byte
	stat   *fileStat
	cached bool // out came from the read cache, or known is set
	// known is the ledger's entry when the last build saved exactly this
	// read: out is then nil, as nothing needed loading.
	known *saved
}

// readAhead reads a campaign's reply files on several workers, ahead of
// the loop that stores them, and hands the results over in the files'
// order: the build's output does not depend on how many workers there
// are. At most window results wait to be taken, so memory stays bounded
// however many replies there are.
type readAhead struct {
	files   []campaign.ReplyFile
	results []readResult
	done    []chan struct{}
	slots   chan struct{} // one per result read and not yet taken
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// workers returns how many replies are read at once: Options.Workers, or
// one per core the Go runtime may use.
func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// newReadAhead starts reading files. Stop must be called when done.
// prior is the saved ledger's entries (nil for none): a reply saved from
// the read it would give is not read at all.
func newReadAhead(ctx context.Context, o Options, dir *campaign.Dir, cache *readCache, prior map[string]saved, files []campaign.ReplyFile) *readAhead {
	ctx, cancel := context.WithCancel(ctx)
	n := o.workers()
	ra := &readAhead{
		files: files, results: make([]readResult, len(files)), done: make([]chan struct{}, len(files)),
		slots: make(chan struct{}, 2*n), cancel: cancel,
	}
	for i := range ra.done {
		ra.done[i] = make(chan struct{})
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range files {
			select {
			case ra.slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range min(n, len(files)) {
		ra.wg.Go(func() {
			for i := range next {
				ra.results[i] = readOne(ctx, o, dir, cache, prior, files[i])
				close(ra.done[i])
			}
		})
	}
	return ra
}

// take waits for file i's result. Results must be taken in order.
func (ra *readAhead) take(ctx context.Context, i int) (readResult, error) {
	select {
	case <-ra.done[i]:
	case <-ctx.Done():
		return readResult{}, ctx.Err()
	}
	r := ra.results[i]
	ra.results[i] = readResult{}
	<-ra.slots
	return r, nil
}

// stop ends the workers and waits for them.
func (ra *readAhead) stop() {
	ra.cancel()
	// Free the workers' slots so none waits to hand over a result.
	go func() {
		for range ra.slots {
		}
	}()
	ra.wg.Wait()
	close(ra.slots)
}

// readOne reads one reply file, from the cache when it was read before
// with the same bytes, reader and campaign; not at all when prior says
// the last build saved that very read, and not even opened when the
// file's signature shows it has not changed since (unchangedSince).
func readOne(ctx context.Context, o Options, dir *campaign.Dir, cache *readCache, prior map[string]saved, rf campaign.ReplyFile) readResult {
	now := foiwire.DateOf(o.Now())
	if r, ok := unchangedSince(prior, cache, rf, now); ok {
		cache.markUsed(r.key)
		return r
	}
	// The moment is taken before the file is opened, so that whatever
	// changes the file after its signature is read changes it after this
	// moment too: fileStat.trusted relies on that.
	taken := time.Now()
	data, st, problem := readReplyFile(rf)
	if problem != "" {
		return readResult{problem: problem}
	}
	r := readResult{data: data, modTime: st.ModTime()}
	if cache.dir != "" {
		r.sum = sha256.Sum256(data)
		r.key = cache.key(rf, r.sum, now)
		if sig, ok := signatureOf(st); ok {
			r.stat = &fileStat{statSig: sig, Taken: taken.UnixNano()}
		}
	}
	if s, ok := known(prior, rf, r.key, r.modTime); ok {
		cache.markUsed(r.key)
		r.cached, r.known = true, &s
		return r
	}
	if out, rerr, ok := cache.get(r.key); ok {
		r.out, r.err, r.cached = out, rerr, true
		return r
	}
	r.out, r.err = dataset.Read(ctx, dataset.Input{
		Name: rf.Name, Data: data, Authority: rf.Authority, Campaign: &dir.Campaign,
		Registry: dir.Registry, Now: now,
	})
	if ctx.Err() == nil {
		if err := cache.put(r.key, r.out, r.err); err != nil {
			o.Log.Warn("read cache", "file", rf.Authority+"/"+rf.Name, "err", err)
		}
	}
	return r
}
