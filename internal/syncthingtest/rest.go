package syncthingtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

// Get reads a REST API endpoint (path as in Syncthing's documentation,
// e.g. "/rest/db/status?folder=ID") into out.
func (nd *Node) Get(path string, out any) error {
	return nd.Do(http.MethodGet, path, nil, out)
}

// Do calls the REST API with the node's API key: in is sent as JSON when
// not nil, and the JSON answer is read into out when out is not nil.
func (nd *Node) Do(method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, nd.GUI+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", nd.APIKey)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, strings.TrimSpace(string(raw)))
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// addDevice introduces other to nd: at its loopback address if nd is to
// dial it, else as "dynamic", which with every kind of discovery off
// resolves to no address, so nd only accepts other's connections.
func (nd *Node) addDevice(other *Node, dial bool) {
	nd.t.Helper()
	addr := "dynamic"
	if dial {
		addr = other.Listen
	}
	dev := map[string]any{
		"deviceID":          other.ID,
		"name":              other.Name,
		"addresses":         []string{addr},
		"autoAcceptFolders": false,
	}
	if err := nd.Do(http.MethodPut, "/rest/config/devices/"+other.ID, dev, nil); err != nil {
		nd.t.Fatalf("syncthingtest: adding %s to %s: %v", other.Name, nd.Name, err)
	}
}

// connections tells which devices nd is connected to now.
func (nd *Node) connections() (map[string]bool, error) {
	var conns struct {
		Connections map[string]struct {
			Connected bool `json:"connected"`
		} `json:"connections"`
	}
	if err := nd.Get("/rest/system/connections", &conns); err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for id, c := range conns.Connections {
		out[id] = c.Connected
	}
	return out, nil
}

// Options is the part of Syncthing's options that decides whether an
// instance reaches beyond this machine.
type Options struct {
	ListenAddresses       []string `json:"listenAddresses"`
	GlobalAnnounceEnabled bool     `json:"globalAnnounceEnabled"`
	LocalAnnounceEnabled  bool     `json:"localAnnounceEnabled"`
	RelaysEnabled         bool     `json:"relaysEnabled"`
	NATEnabled            bool     `json:"natEnabled"`
	URAccepted            int      `json:"urAccepted"`
	AutoUpgradeIntervalH  int      `json:"autoUpgradeIntervalH"`
	CrashReportingEnabled bool     `json:"crashReportingEnabled"`
}

// Offline reports why the running configuration of nd could reach beyond
// this machine, or nil when it cannot: no discovery of any kind, no relays,
// no NAT traversal (which also turns STUN off), no usage or crash reports,
// no upgrades, the sync protocol on 127.0.0.1 and every known device at
// 127.0.0.1 or "dynamic" (which, with discovery off, is no address).
func (nd *Node) Offline() error {
	var opts Options
	if err := nd.Get("/rest/config/options", &opts); err != nil {
		return err
	}
	var problems []string
	if opts.GlobalAnnounceEnabled {
		problems = append(problems, "globalAnnounceEnabled")
	}
	if opts.LocalAnnounceEnabled {
		problems = append(problems, "localAnnounceEnabled")
	}
	if opts.RelaysEnabled {
		problems = append(problems, "relaysEnabled")
	}
	if opts.NATEnabled {
		problems = append(problems, "natEnabled")
	}
	if opts.URAccepted != -1 {
		problems = append(problems, fmt.Sprintf("urAccepted=%d", opts.URAccepted))
	}
	if opts.AutoUpgradeIntervalH != 0 {
		problems = append(problems, fmt.Sprintf("autoUpgradeIntervalH=%d", opts.AutoUpgradeIntervalH))
	}
	if opts.CrashReportingEnabled {
		problems = append(problems, "crashReportingEnabled")
	}
	if len(opts.ListenAddresses) != 1 || opts.ListenAddresses[0] != nd.Listen {
		problems = append(problems, fmt.Sprintf("listenAddresses=%q", opts.ListenAddresses))
	}
	var devices []struct {
		DeviceID  string   `json:"deviceID"`
		Addresses []string `json:"addresses"`
	}
	if err := nd.Get("/rest/config/devices", &devices); err != nil {
		return err
	}
	for _, d := range devices {
		if d.DeviceID == nd.ID {
			continue
		}
		for _, a := range d.Addresses {
			if a != "dynamic" && !strings.HasPrefix(a, "tcp://127.0.0.1:") {
				problems = append(problems, fmt.Sprintf("device %s at %q", d.DeviceID, a))
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s could reach beyond this machine: %s", nd.Name, strings.Join(problems, ", "))
	}
	return nil
}

func (nd *Node) checkOffline() {
	nd.t.Helper()
	if err := nd.Offline(); err != nil {
		nd.t.Fatalf("syncthingtest: %v", err)
	}
}
