package neo4j

import (
	"io"
	"net"
	"testing"
	"time"
)

// TestProxyDrops checks the TCP proxy the killed-connection integration
// test relies on: it forwards, drops the first connection past its byte
// limit, and forwards later connections again.
func TestProxyDrops(t *testing.T) {
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer echo.Close()
	go func() {
		for {
			c, err := echo.Accept()
			if err != nil {
				return
			}
			go func() { io.Copy(c, c); c.Close() }()
		}
	}()
	p := newProxy(t, echo.Addr().String(), 10)
	roundTrip := func(c net.Conn, msg string) error {
		c.SetDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.Write([]byte(msg)); err != nil {
			return err
		}
		buf := make([]byte, len(msg))
		_, err := io.ReadFull(c, buf)
		return err
	}
	c1, err := net.Dial("tcp", p.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Close()
	if err := roundTrip(c1, "hello"); err != nil {
		t.Fatalf("first 5 bytes: got %v, want them echoed", err)
	}
	if err := roundTrip(c1, "0123456789"); err == nil {
		t.Fatalf("past the limit: got an echo, want the connection dropped")
	}
	if !p.dropped.Load() {
		t.Errorf("dropped: got false, want true")
	}
	c2, err := net.Dial("tcp", p.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if err := roundTrip(c2, "0123456789abcdef"); err != nil {
		t.Errorf("second connection: got %v, want it forwarded", err)
	}
}
