package syncthingtest

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
)

// outsideSockets lists the sockets of process pid whose local or remote
// address is not on the loopback interface (an unspecified remote address,
// as a listening socket has, is fine). It matches the process's socket
// file descriptors with the kernel's TCP and UDP tables in /proc.
func outsideSockets(pid int) ([]string, error) {
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return nil, err
	}
	inodes := map[string]bool{}
	for _, fd := range fds {
		link, err := os.Readlink(filepath.Join(fmt.Sprintf("/proc/%d/fd", pid), fd.Name()))
		if err != nil {
			continue // closed meanwhile
		}
		if inode, ok := strings.CutPrefix(link, "socket:["); ok {
			inodes[strings.TrimSuffix(inode, "]")] = true
		}
	}
	var out []string
	for _, table := range []string{"tcp", "tcp6", "udp", "udp6"} {
		f, err := os.Open(fmt.Sprintf("/proc/%d/net/%s", pid, table))
		if err != nil {
			continue // no IPv6 here
		}
		sc := bufio.NewScanner(f)
		sc.Scan() // the header
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 10 || !inodes[fields[9]] {
				continue
			}
			local, lerr := procAddr(fields[1])
			remote, rerr := procAddr(fields[2])
			if lerr != nil || rerr != nil || !local.IsLoopback() || !(remote.IsLoopback() || remote.IsUnspecified()) {
				out = append(out, fmt.Sprintf("%s %s -> %s", table, local, remote))
			}
		}
		f.Close()
	}
	return out, nil
}

// procAddr reads an address of /proc/net/tcp and its kin: the IP in hex,
// as 32-bit words in the machine's (little-endian) byte order, then ":"
// and the port.
func procAddr(s string) (net.IP, error) {
	ipHex, _, _ := strings.Cut(s, ":")
	raw, err := hex.DecodeString(ipHex)
	if err != nil || len(raw)%4 != 0 {
		return nil, fmt.Errorf("address %q", s)
	}
	for i := 0; i < len(raw); i += 4 {
		raw[i], raw[i+1], raw[i+2], raw[i+3] = raw[i+3], raw[i+2], raw[i+1], raw[i]
	}
	return net.IP(raw), nil
}
