package syncthingtest

import (
	"net"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestOutsideSockets: the watch reports a socket bound to every interface
// (nothing is sent on it) and not one on 127.0.0.1.
func TestOutsideSockets(t *testing.T) {
	lo, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer lo.Close()
	all, err := net.ListenPacket("udp4", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	defer all.Close()
	found, err := outsideSockets(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(found, func(s string) bool { return strings.HasPrefix(s, "udp 0.0.0.0 ") }) {
		t.Errorf("the UDP socket on every interface is not reported: %q", found)
	}
	if slices.ContainsFunc(found, func(s string) bool { return strings.HasPrefix(s, "tcp 127.0.0.1 ") }) {
		t.Errorf("the loopback listener is reported: %q", found)
	}
}
