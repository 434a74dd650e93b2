// Package dovecottest starts a real Dovecot IMAP server on loopback for a
// test: unprivileged where it can be, its configuration, passwords and
// mail in a temporary directory, stopped when the test ends. Tests that
// need it fail (never skip) when Dovecot is missing: scripts/services.sh
// installs it (Debian's dovecot-imapd).
package dovecottest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Server is a running Dovecot serving IMAP on 127.0.0.1: on Port without
// TLS (and with STARTTLS when started WithTLS), on TLSPort with TLS.
type Server struct {
	Host    string // 127.0.0.1
	Port    int
	TLSPort int            // 0 without TLS
	Roots   *x509.CertPool // trusts the server's certificate (WithTLS)
	dir     string
	pass    map[string]string
	tls     bool
}

// Binary is the Dovecot to run: ITINERA_DOVECOT, else /usr/sbin/dovecot.
func Binary(t testing.TB) string {
	t.Helper()
	path := os.Getenv("ITINERA_DOVECOT")
	if path == "" {
		path = "/usr/sbin/dovecot"
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("Dovecot is needed for the mailbox tests and is not installed (%v): scripts/services.sh installs it (apt-get install dovecot-imapd), or set ITINERA_DOVECOT", err)
	}
	return path
}

// Start runs Dovecot with the users given (name: password) and returns
// it once it answers.
func Start(t testing.TB, users map[string]string) *Server {
	t.Helper()
	return start(t, users, false)
}

// StartWithTLS is Start with TLS too: STARTTLS on Port, TLS from the start
// on TLSPort, a certificate for 127.0.0.1 made for the test and trusted by
// Roots.
func StartWithTLS(t testing.TB, users map[string]string) *Server {
	t.Helper()
	return start(t, users, true)
}

func start(t testing.TB, users map[string]string, withTLS bool) *Server {
	t.Helper()
	bin := Binary(t)
	dir, err := os.MkdirTemp("", "itinera-dovecot-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	// Dovecot's own processes (and, as root, the mail user) must reach it.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := &Server{Host: "127.0.0.1", dir: dir, pass: users, tls: withTLS}
	if withTLS {
		s.Roots = makeCert(t, dir)
	}
	var lines []string
	for name, pw := range users {
		lines = append(lines, name+":{PLAIN}"+pw+"::::::")
	}
	must(t, os.WriteFile(filepath.Join(dir, "passwd"), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	for _, sub := range []string{"run", "state", "mail", "home"} {
		must(t, os.Mkdir(filepath.Join(dir, sub), 0o755))
	}
	mailUser := ""
	if os.Geteuid() == 0 {
		// Dovecot refuses to give mail to root: the mailboxes belong to nobody.
		nobody, err := user.Lookup("nobody")
		if err != nil {
			t.Fatalf("dovecottest: running as root needs the user nobody: %v", err)
		}
		uid, _ := strconv.Atoi(nobody.Uid)
		gid, _ := strconv.Atoi(nobody.Gid)
		for _, sub := range []string{"mail", "home"} {
			must(t, os.Chown(filepath.Join(dir, sub), uid, gid))
		}
		mailUser = "uid=" + nobody.Uid + " gid=" + nobody.Gid
	} else {
		mailUser = "uid=" + strconv.Itoa(os.Getuid()) + " gid=" + strconv.Itoa(os.Getgid())
	}
	var lastErr error
	for range 3 { // a free port may be taken between choosing and binding it
		s.Port = freePort(t)
		if withTLS {
			s.TLSPort = freePort(t)
		}
		conf := filepath.Join(dir, "dovecot.conf")
		must(t, os.WriteFile(conf, []byte(s.config(mailUser)), 0o644))
		cmd := exec.Command(bin, "-F", "-c", conf)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatalf("start dovecot: %v", err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		if lastErr = s.wait(exited); lastErr == nil {
			t.Cleanup(func() {
				_ = cmd.Process.Signal(syscall.SIGTERM)
				select {
				case <-exited:
				case <-time.After(10 * time.Second):
					_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
					<-exited
				}
			})
			return s
		}
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
		lastErr = fmt.Errorf("%v\n%s\n%s", lastErr, out.String(), log)
	}
	t.Fatalf("dovecot did not start: %v", lastErr)
	return nil
}

// wait waits until the server greets on its port.
func (s *Server) wait(exited chan error) error {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			exited <- err
			return fmt.Errorf("dovecot exited: %v", err)
		default:
		}
		conn, err := net.DialTimeout("tcp", s.Addr(), time.Second)
		if err == nil {
			buf := make([]byte, 64)
			_ = conn.SetReadDeadline(time.Now().Add(2 * time.Second))
			n, _ := conn.Read(buf)
			conn.Close()
			if strings.HasPrefix(string(buf[:n]), "* OK") {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("dovecot did not answer on %s", s.Addr())
}

func (s *Server) config(mailUser string) string {
	d := s.dir
	c := `base_dir = ` + d + `/run
state_dir = ` + d + `/state
log_path = ` + d + `/dovecot.log
protocols = imap
listen = 127.0.0.1
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:` + d + `/mail/%u
# New mail wakes IDLE at once (inotify), else within a second.
mailbox_idle_check_interval = 1 secs
first_valid_uid = 1
first_valid_gid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ` + d + `/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ` + d + `/passwd
  default_fields = ` + mailUser + ` home=` + d + `/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ` + strconv.Itoa(s.Port) + `
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ` + strconv.Itoa(s.TLSPort) + `
  }
}
`
	if s.tls {
		c += `ssl = yes
ssl_cert = <` + d + `/cert.pem
ssl_key = <` + d + `/key.pem
`
		if _, err := os.Stat("/usr/share/dovecot/dh.pem"); err == nil {
			c += "ssl_dh = </usr/share/dovecot/dh.pem\n"
		}
	} else {
		c += "ssl = no\n"
	}
	if os.Geteuid() != 0 {
		// Rootless: every process runs as the current user, none chrooted.
		u, _ := user.Current()
		g, _ := user.LookupGroupId(strconv.Itoa(os.Getgid()))
		group := strconv.Itoa(os.Getgid())
		if g != nil {
			group = g.Name
		}
		c += `default_internal_user = ` + u.Username + `
default_internal_group = ` + group + `
default_login_user = ` + u.Username + `
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`
	}
	return c
}

// Addr is "127.0.0.1:port".
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Dial signs user in with a real IMAP client.
func (s *Server) Dial(t testing.TB, name string) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(s.Addr(), nil)
	if err != nil {
		t.Fatalf("dial dovecot: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(name, s.pass[name]).Wait(); err != nil {
		t.Fatalf("login %s: %v", name, err)
	}
	return c
}

// Append puts a message in user's folder with IMAP APPEND and returns
// its UID.
func (s *Server) Append(t testing.TB, name, folder string, raw []byte) imap.UID {
	t.Helper()
	c := s.Dial(t, name)
	defer c.Logout()
	cmd := c.Append(folder, int64(len(raw)), nil)
	if _, err := cmd.Write(raw); err != nil {
		t.Fatalf("append: %v", err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatalf("append: %v", err)
	}
	data, err := cmd.Wait()
	if err != nil {
		t.Fatalf("append: %v", err)
	}
	return data.UID
}

// Seen reports the UIDs of user's folder and whether each is \Seen.
func (s *Server) Seen(t testing.TB, name, folder string) map[imap.UID]bool {
	t.Helper()
	c := s.Dial(t, name)
	defer c.Logout()
	if _, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatalf("select %s: %v", folder, err)
	}
	msgs, err := c.Fetch(imap.UIDSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	out := map[imap.UID]bool{}
	for _, m := range msgs {
		seen := false
		for _, f := range m.Flags {
			seen = seen || f == imap.FlagSeen
		}
		out[m.UID] = seen
	}
	return out
}

// makeCert writes a self-signed certificate for 127.0.0.1 and its key in
// dir and returns a pool that trusts it.
func makeCert(t testing.TB, dir string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true,
		BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	must(t, err)
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "cert.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600))
	cert, err := x509.ParseCertificate(der)
	must(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pool
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
