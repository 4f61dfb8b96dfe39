package output

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"sync"

	"github.com/andybalholm/brotli"
)

// Precompressed files (Options.Precompress). Beside a file whose name ends
// in .html, .css, .svg, .xml, .txt or .json, a session writes its brotli
// encoding (name + ".br", quality 11, 9 past 4 MiB) and its gzip encoding (name + ".gz",
// best compression), each only when it is smaller than the file. A server
// that serves such files as they are (nginx gzip_static and brotli_static,
// Caddy's precompressed) then compresses nothing at request time, at the
// best ratio either format has.
//
// An encoding is made only when its file's bytes changed. The manifest
// records the encodings like any other file, so an encoding never outlives
// the bytes it encodes: a Put whose bytes are those the manifest records
// for its path keeps each encoding the manifest vouches for (one stat, as
// Keep), and compresses only the others; a Keep keeps the file and its two
// encodings together, or none of them. An encoding that is not put or kept
// is pruned at Commit like any file of an earlier build: when its file is
// gone, when it is no longer smaller, and in every session without
// Precompress.

// Suffixes of the encodings Options.Precompress writes.
const (
	BrotliSuffix = ".br"
	GzipSuffix   = ".gz"
)

// brotliQuality is brotli's best (and slowest) quality: made once per
// change of a file and served many times, the encoding is worth the time.
// Past brotliLargeFile bytes it would not be: quality 11 encodes well under
// a megabyte a second, so the job-board feed of a 10,000-role site (90 MB)
// would take minutes on every change of a position. Such a file is encoded
// at brotliLargeQuality: measured on 9 MB of that feed, 1 s instead of 41 s,
// 17 % larger than quality 11 and still 42 % smaller than gzip's best.
const (
	brotliQuality      = 11
	brotliLargeFile    = 4 << 20
	brotliLargeQuality = 9
)

// Precompressible reports whether Options.Precompress writes encodings
// beside a file at path p.
func Precompressible(p string) bool {
	switch path.Ext(p) {
	case ".html", ".css", ".svg", ".xml", ".txt", ".json":
		return true
	}
	return false
}

// encoding is one format written beside precompressible files.
type encoding struct {
	suffix string
	// newWriter makes a writer of the format into w.
	newWriter func(w io.Writer) (encoder, error)
	// newLarge, when set, makes the writer of a file over largeFile bytes,
	// which is not pooled (such files are rare).
	newLarge  func(w io.Writer) encoder
	largeFile int
	pool      sync.Pool // of the format's writers, reset for each file
}

// encoder is a compressing writer that can be reused for another output.
type encoder interface {
	io.WriteCloser
	Reset(w io.Writer)
}

var encodings = []*encoding{
	{suffix: BrotliSuffix, newWriter: func(w io.Writer) (encoder, error) {
		return brotli.NewWriterLevel(w, brotliQuality), nil
	}, largeFile: brotliLargeFile, newLarge: func(w io.Writer) encoder {
		return brotli.NewWriterLevel(w, brotliLargeQuality)
	}},
	// No name and no modification time in the gzip header: the same bytes
	// always give the same encoding.
	{suffix: GzipSuffix, newWriter: func(w io.Writer) (encoder, error) {
		return gzip.NewWriterLevel(w, gzip.BestCompression)
	}},
}

// encode writes data's encoding to dst, with a writer from the pool.
func (e *encoding) encode(dst *bytes.Buffer, data []byte) error {
	if e.newLarge != nil && len(data) > e.largeFile {
		w := e.newLarge(dst)
		if _, err := w.Write(data); err != nil {
			return err
		}
		return w.Close()
	}
	w, _ := e.pool.Get().(encoder)
	if w == nil {
		var err error
		if w, err = e.newWriter(dst); err != nil {
			return err
		}
	} else {
		w.Reset(dst)
	}
	defer e.pool.Put(w)
	if _, err := w.Write(data); err != nil {
		return err
	}
	return w.Close()
}

// encodedBufs holds the buffers encodings are made in; Put keeps no bytes.
var encodedBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// encodingPaths returns the paths of p's encodings that a session with
// Precompress writes: none when p is not precompressible, and none whose
// name would be too long.
func (s *Session) encodingPaths(p string) []string {
	if !s.opts.Precompress || !Precompressible(p) {
		return nil
	}
	out := make([]string, 0, len(encodings))
	for _, enc := range encodings {
		if e := p + enc.suffix; encodable(e) {
			out = append(out, e)
		}
	}
	return out
}

// encodable reports whether an encoding can be written at e: a valid path
// whose temporary name (see tempName) is not too long either. A file whose
// name leaves no room for the suffix gets no encoding.
func encodable(e string) bool {
	return checkPath(e) == nil && len(path.Base(tempName(e))) <= maxSegment
}

// putEncodings puts the encodings of data, just put at p. same says data
// is what the manifest records for p: then each encoding that the
// manifest vouches for is kept, and only the others are made.
func (s *Session) putEncodings(p string, data []byte, same bool) error {
	for _, enc := range encodings {
		e := p + enc.suffix
		if !encodable(e) {
			continue
		}
		if same {
			err := s.keep(e)
			if err == nil {
				continue
			}
			if !errors.Is(err, ErrStale) {
				return err
			}
		}
		buf := encodedBufs.Get().(*bytes.Buffer)
		buf.Reset()
		err := enc.encode(buf, data)
		s.compressed.Add(1)
		if s.hooks.onCompress != nil {
			s.hooks.onCompress(e)
		}
		if err == nil && buf.Len() < len(data) {
			var pd *plan
			if pd, err = s.prepare(e, buf.Bytes()); err == nil {
				err = s.finish(pd, buf.Bytes())
			}
		}
		encodedBufs.Put(buf)
		if err != nil {
			return fmt.Errorf("%s: %w", e, err)
		}
	}
	return nil
}

// keepEncodings keeps the encodings of p, just kept. When one is not as
// the previous build left it, or the manifest does not know it (it was
// not smaller, or that build did not precompress), it releases p and the
// encodings kept and returns an error wrapping ErrStale: the caller puts p,
// which makes what is missing.
func (s *Session) keepEncodings(p string) error {
	kept := []string{p}
	for _, e := range s.encodingPaths(p) {
		if err := s.keep(e); err != nil {
			for _, k := range kept {
				s.release(k)
			}
			return err
		}
		kept = append(kept, e)
	}
	return nil
}
