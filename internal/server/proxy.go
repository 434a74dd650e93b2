package server

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Behind a reverse proxy every connection comes from the proxy. The
// client's address, which the limits of sign-in, personal links and API
// tokens are keyed by, is then read from X-Forwarded-For, but only when
// the connection comes from a proxy the operator trusts
// (ITINERA_TRUSTED_PROXIES): anyone else could write that header.

// ParseTrustedProxies reads a comma-separated list of CIDR ranges or single
// addresses ("10.0.0.0/8, 192.0.2.7, fd00::/8"); an empty list trusts none.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%q is neither a CIDR range such as 10.0.0.0/8 nor an IP address", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// clientAddr is the address of the client of r: the connection's peer,
// or, when the peer is a trusted proxy, the right-most address of
// X-Forwarded-For that is not itself a trusted proxy. Addresses left of it
// were written by the client and are never believed. ok is false when
// RemoteAddr is not an address (tests' "pipe"), which is then kept.
func clientAddr(r *http.Request, trusted []netip.Prefix) (addr netip.Addr, ok bool) {
	peer, ok := parseAddr(r.RemoteAddr)
	if !ok {
		return netip.Addr{}, false
	}
	if !isTrusted(peer, trusted) {
		return peer, true
	}
	hops := r.Header.Values("X-Forwarded-For")
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		parts := strings.Split(hops[i], ",")
		for j := len(parts) - 1; j >= 0; j-- {
			a, ok := parseAddr(strings.TrimSpace(parts[j]))
			if !ok {
				// A trusted proxy wrote something that is not an
				// address: believe nothing further left.
				return client, true
			}
			client = a
			if !isTrusted(a, trusted) {
				return a, true
			}
		}
	}
	return client, true
}

// parseAddr reads "192.0.2.1", "192.0.2.1:443", "2001:db8::1" or
// "[2001:db8::1]:443", IPv4-mapped IPv6 addresses as IPv4.
func parseAddr(s string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	if a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")); err == nil && a.Zone() == "" {
		return a.Unmap(), true
	}
	return netip.Addr{}, false
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// withClientAddr sets r.RemoteAddr to the client's address, so that every
// handler keys its limits by the client, not by the proxy.
func withClientAddr(r *http.Request, trusted []netip.Prefix) {
	if len(trusted) == 0 {
		return
	}
	if a, ok := clientAddr(r, trusted); ok {
		r.RemoteAddr = net.JoinHostPort(a.String(), "0")
	}
}

// clientHost is the client's address as the request carries it, for logs.
func clientHost(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}
