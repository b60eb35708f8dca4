package bundle

import (
	"io"
	"sync"
)

// aheadReader reads its source on another goroutine, a few buffers ahead of
// the consumer, so that producing bytes (decrypting the age stream of a
// bundle being read) overlaps with consuming them (hashing, sealing and
// storing them in the vault). Write reads its entries ahead the same
// way with entrySource. Close stops the goroutine and waits for it, so the
// source is never read after Close returns.
type aheadReader struct {
	ch   chan aheadChunk
	free chan []byte
	done chan struct{}
	wg   sync.WaitGroup
	cur  aheadChunk
	off  int
	once sync.Once
}

type aheadChunk struct {
	buf []byte
	n   int
	err error
}

const (
	aheadBuffers = 4
	aheadSize    = 256 << 10
)

func newAheadReader(r io.Reader) *aheadReader {
	a := &aheadReader{ch: make(chan aheadChunk, aheadBuffers), free: make(chan []byte, aheadBuffers+1), done: make(chan struct{})}
	for range aheadBuffers + 1 {
		a.free <- make([]byte, aheadSize)
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		for {
			var buf []byte
			select {
			case buf = <-a.free:
			case <-a.done:
				return
			}
			n, err := io.ReadFull(r, buf)
			if err == io.ErrUnexpectedEOF {
				err = io.EOF
			}
			select {
			case a.ch <- aheadChunk{buf: buf, n: n, err: err}:
			case <-a.done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return a
}

func (a *aheadReader) Read(p []byte) (int, error) {
	for a.off == a.cur.n {
		if a.cur.err != nil {
			return 0, a.cur.err
		}
		if a.cur.buf != nil {
			a.free <- a.cur.buf
		}
		c, ok := <-a.ch
		if !ok {
			return 0, io.ErrClosedPipe
		}
		a.cur, a.off = c, 0
	}
	n := copy(p, a.cur.buf[a.off:a.cur.n])
	a.off += n
	return n, nil
}

// Close stops reading ahead and waits until the source is no longer read.
func (a *aheadReader) Close() error {
	a.once.Do(func() {
		close(a.done)
		a.wg.Wait()
	})
	return nil
}
