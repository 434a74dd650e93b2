package mailbox

import (
	"net"
	"sync/atomic"
	"time"
)

// timedConn bounds every read and write by its timeout, so that a server
// that stops answering cannot hold a poller forever; while waiting in
// IDLE, reads wait as long as it takes.
type timedConn struct {
	net.Conn
	timeout time.Duration
	long    atomic.Bool
}

func (c *timedConn) Read(b []byte) (int, error) {
	if c.long.Load() {
		_ = c.Conn.SetReadDeadline(time.Time{})
	} else {
		_ = c.Conn.SetReadDeadline(time.Now().Add(c.timeout))
	}
	return c.Conn.Read(b)
}

func (c *timedConn) Write(b []byte) (int, error) {
	_ = c.Conn.SetWriteDeadline(time.Now().Add(c.timeout))
	return c.Conn.Write(b)
}

// waitLong lifts the read deadline (for IDLE), the pending read's too, or
// puts it back.
func (c *timedConn) waitLong(on bool) {
	c.long.Store(on)
	if on {
		_ = c.Conn.SetReadDeadline(time.Time{})
	} else {
		_ = c.Conn.SetReadDeadline(time.Now().Add(c.timeout))
	}
}
