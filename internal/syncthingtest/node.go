package syncthingtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// startNode generates a key and a configuration in a fresh home, writes
// the loopback-only configuration over it and starts syncthing. A port
// picked free can be taken by another process before syncthing binds it,
// so a node that cannot listen is started again on other ports. It
// returns errors rather than failing t, as Start runs it on a goroutine
// per node.
func startNode(t testing.TB, home, name string) (*Node, error) {
	version, id, err := generate(home)
	if err != nil {
		return nil, err
	}
	var lastErr error
	for range 3 {
		nd := &Node{Name: name, ID: id, Home: home, t: t, logPath: filepath.Join(home, "syncthing.log")}
		if nd.APIKey, err = randomKey(); err != nil {
			return nil, err
		}
		guiPort, listenPort, err := freePorts()
		if err != nil {
			return nil, err
		}
		nd.GUI = fmt.Sprintf("http://127.0.0.1:%d", guiPort)
		nd.Listen = fmt.Sprintf("tcp://127.0.0.1:%d", listenPort)
		if err := writeConfig(home, version, id, name, guiPort, nd.APIKey, nd.Listen); err != nil {
			return nil, err
		}
		if lastErr = nd.run(); lastErr == nil {
			return nd, nil
		}
		nd.logTail()
	}
	return nil, fmt.Errorf("starting %s: %w", name, lastErr)
}

// generate runs "syncthing generate", which makes the device's key and
// certificate and a default configuration, and reads from that
// configuration its version (so an older or newer syncthing reads ours)
// and the device ID.
func generate(home string) (version int, id string, err error) {
	cmd := exec.Command("syncthing", "generate", "--home="+home, "--no-default-folder", "--skip-port-probing")
	cmd.Env = env(home)
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, "", fmt.Errorf("syncthing generate: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join(home, "config.xml"))
	if err != nil {
		return 0, "", err
	}
	var cfg struct {
		Version int `xml:"version,attr"`
		Devices []struct {
			ID string `xml:"id,attr"`
		} `xml:"device"`
	}
	if err := xml.Unmarshal(raw, &cfg); err != nil {
		return 0, "", fmt.Errorf("reading the generated config.xml: %w", err)
	}
	if cfg.Version == 0 || len(cfg.Devices) != 1 || cfg.Devices[0].ID == "" {
		return 0, "", fmt.Errorf("the generated config.xml has no version or not exactly one device:\n%s", raw)
	}
	return cfg.Version, cfg.Devices[0].ID, nil
}

// writeConfig replaces the generated configuration before syncthing first
// starts, so that not even its first seconds reach out: Syncthing fills
// every setting left out with its default, so each default that would
// touch the network is set here. Devices and folders come later through
// the REST API.
func writeConfig(home string, version int, id, name string, guiPort int, apiKey, listen string) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<configuration version="%d">
    <device id="%s" name="%s" compression="metadata">
        <address>dynamic</address>
    </device>
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:%d</address>
        <apikey>%s</apikey>
    </gui>
    <options>
        <listenAddress>%s</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <announceLANAddresses>false</announceLANAddresses>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>5</reconnectionIntervalS>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
`, version, id, name, guiPort, apiKey, listen)
	return os.WriteFile(filepath.Join(home, "config.xml"), b.Bytes(), 0o600)
}

// env is the environment syncthing runs in, without the caller's ST*
// settings: HOME is its own home; upgrades are off, and so is the monitor
// process, which Syncthing 1.19 starts even with --no-restart to run the
// real one as its child (STMONITORED=1 tells syncthing it is that child,
// so there is one process, which dies with the test); and Go's SHA-256 is
// taken without timing the alternatives first, half a second saved a start.
func env(home string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k == "HOME" || strings.HasPrefix(k, "ST") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "HOME="+home, "STNOUPGRADE=1", "STNORESTART=1", "STMONITORED=1", "STHASHING=standard")
}

// run starts syncthing and waits until its REST API answers and its sync
// protocol listener is up.
func (nd *Node) run() error {
	logf, err := os.OpenFile(nd.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer logf.Close()
	nd.cmd = exec.Command("syncthing", "serve", "--home="+nd.Home,
		"--no-browser", "--no-restart", "--no-upgrade", "--logflags=3")
	nd.cmd.Env = env(nd.Home)
	nd.cmd.Stdout, nd.cmd.Stderr = logf, logf
	nd.cmd.SysProcAttr = procAttr()
	if err := nd.cmd.Start(); err != nil {
		return err
	}
	nd.exited = make(chan struct{})
	go func() {
		nd.waitErr = nd.cmd.Wait()
		close(nd.exited)
	}()
	nd.t.Cleanup(nd.stop)

	// The wait ends early when syncthing exits (a port taken) or when
	// another syncthing answers on the port picked for this one.
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	go func() {
		select {
		case <-nd.exited:
			cancel()
		case <-ctx.Done():
		}
	}()
	var wrongNode, listenErr error
	err = WaitFor(ctx, func() (bool, error) {
		var st struct {
			MyID     string `json:"myID"`
			Services map[string]struct {
				Error        *string  `json:"error"`
				LANAddresses []string `json:"lanAddresses"`
			} `json:"connectionServiceStatus"`
		}
		if err := nd.Get("/rest/system/status", &st); err != nil {
			return false, err
		}
		if st.MyID != nd.ID {
			wrongNode = fmt.Errorf("the REST API on %s says device %s, the generated key is %s", nd.GUI, st.MyID, nd.ID)
			cancel()
			return false, wrongNode
		}
		svc, ok := st.Services[nd.Listen]
		if !ok {
			return false, fmt.Errorf("no listener on %s yet", nd.Listen)
		}
		if svc.Error != nil {
			listenErr = fmt.Errorf("listener on %s: %s", nd.Listen, *svc.Error)
			cancel()
			return false, listenErr
		}
		return len(svc.LANAddresses) > 0, nil
	})
	if err == nil {
		return nil
	}
	nd.stop()
	if wrongNode != nil {
		return wrongNode
	}
	if listenErr != nil {
		return listenErr
	}
	select {
	case <-nd.exited:
		return fmt.Errorf("%s exited (%v) before it was up: %w", nd.Name, nd.waitErr, err)
	default:
	}
	return fmt.Errorf("%s did not come up: %w", nd.Name, err)
}

// stop kills the process and waits for it, so that the test's temporary
// directories can be removed after it.
func (nd *Node) stop() {
	if nd.cmd == nil || nd.cmd.Process == nil {
		return
	}
	select {
	case <-nd.exited:
		return
	default:
	}
	kill(nd.cmd.Process)
	<-nd.exited
}

// logTail writes the end of the node's log to the test output.
func (nd *Node) logTail() {
	raw, err := os.ReadFile(nd.logPath)
	if err != nil {
		return
	}
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	nd.t.Logf("syncthingtest: end of %s's log (%s):\n%s", nd.Name, nd.logPath, strings.Join(lines, "\n"))
}

// freePorts picks two distinct free ports on 127.0.0.1 for the REST API
// and the sync protocol.
func freePorts() (gui, listen int, err error) {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for range 2 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, 0, err
		}
		ls = append(ls, l)
	}
	return ls[0].Addr().(*net.TCPAddr).Port, ls[1].Addr().(*net.TCPAddr).Port, nil
}

func randomKey() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
