package xlsx

import (
	"bytes"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// finalBlock ends a deflate stream: an empty fixed-Huffman block marked
// final. After a sync flush, which leaves the stream on a byte boundary,
// it is always these two bytes.
var finalBlock = []byte{0x03, 0x00}

// segmenter is the compressor of every part. It deflates each Write on
// its own, as a stream begun afresh and ended with a sync flush (an empty
// stored block, no final block), so that a segment's compressed bytes
// depend on its own bytes alone and can follow any other segment's; Close
// ends the part with finalBlock. The zip works out the part's CRC-32 and
// sizes from what passes through, as for any compressor.
type segmenter struct {
	level int
	spec  string // names how a segment is compressed, for the cache
	out   io.Writer
	cache SegmentCache // the part's, nil when it is not kept
	*scratch
}

// scratch is the memory a Writer works in, kept for the next workbook
// (a build --watch's next build, say) once one is written: the segment's
// buffer and the compressor come to a megabyte and more, and fresh memory
// is costly to touch. Nothing in it outlives a workbook but its room.
type scratch struct {
	buf     []byte // the open segment's bytes
	fw      *flate.Writer
	fwLevel int          // fw's level
	comp    bytes.Buffer // a kept segment's compressed bytes
	kept    []byte       // a segment the cache gave back
}

// scratches holds the scratch of workbooks written. A segment's buffer is
// made as large as a segment grows at once: grown by append, a quarter
// at a time, it would touch five times the memory. Memory never written
// is never touched.
var scratches = sync.Pool{New: func() any { return &scratch{buf: make([]byte, 0, maxSegment+64<<10)} }}

// release gives sc back for another workbook, holding on to nothing of
// this one's.
func (sc *scratch) release() {
	if sc.fw != nil {
		sc.fw.Reset(io.Discard)
	}
	sc.buf, sc.kept = sc.buf[:0], sc.kept[:0]
	sc.comp.Reset()
	scratches.Put(sc)
}

// Write deflates p as one segment, or writes the bytes the cache kept for
// it.
func (s *segmenter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if s.cache == nil {
		if err := s.deflate(s.out, p); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if b, ok := s.cache.Get(s.kept[:0], s.spec, p); ok {
		s.kept = b
		if _, err := s.out.Write(b); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	s.comp.Reset()
	if err := s.deflate(&s.comp, p); err != nil {
		return 0, err
	}
	s.cache.Put(s.spec, p, s.comp.Bytes())
	if _, err := s.out.Write(s.comp.Bytes()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// deflate writes p to out as one segment. One deflate writer is made and
// then reset for each segment, which gives the bytes a new one would
// without allocating and clearing its tables and history again.
func (s *segmenter) deflate(out io.Writer, p []byte) error {
	if s.fw == nil || s.fwLevel != s.level {
		fw, err := flate.NewWriter(out, s.level)
		if err != nil {
			return err
		}
		s.fw, s.fwLevel = fw, s.level
	} else {
		s.fw.Reset(out)
	}
	if _, err := s.fw.Write(p); err != nil {
		return err
	}
	return s.fw.Flush()
}

// Close ends the part's deflate stream.
func (s *segmenter) Close() error {
	_, err := s.out.Write(finalBlock)
	return err
}
