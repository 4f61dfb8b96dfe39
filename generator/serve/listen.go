package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// DefaultPort is the port ListenAndServe uses when addr names none.
const DefaultPort = "1717"

// shutdownTimeout bounds how long ListenAndServe waits for requests to end.
const shutdownTimeout = 5 * time.Second

// ListenAndServe serves h on addr until ctx is done, then shuts down: it
// stops accepting connections, ends open requests (event streams included:
// their context is ctx) and returns nil once they are done.
//
// addr is "host:port"; a port of 0 picks a free one ("127.0.0.1:0"), an
// address without a port ("127.0.0.1", "localhost", "::1") gets DefaultPort,
// and an empty one is 127.0.0.1 (":port" binds every interface).
// Once the socket is bound, ready (if set) is called with the server's URL,
// such as "http://127.0.0.1:41234/". An error is returned when addr cannot be
// bound or serving fails.
func ListenAndServe(ctx context.Context, addr string, h http.Handler, ready func(url string)) error {
	ln, err := net.Listen("tcp", withPort(addr))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		// No WriteTimeout: it would cut the event streams, which set a
		// deadline per write instead.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	if ready != nil {
		ready(urlOf(ln.Addr()))
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// withPort adds DefaultPort to an address without a port; an empty address
// is 127.0.0.1, never every interface.
func withPort(addr string) string {
	if _, _, err := net.SplitHostPort(addr); err == nil {
		return addr
	}
	host := strings.TrimSuffix(strings.TrimPrefix(addr, "["), "]")
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, DefaultPort)
}

// urlOf returns the URL a browser on this machine opens for a bound address:
// an unspecified address (0.0.0.0, ::) is shown as localhost.
func urlOf(a net.Addr) string {
	ap, err := netip.ParseAddrPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ap.Addr().IsUnspecified() {
		return fmt.Sprintf("http://localhost:%d/", ap.Port())
	}
	return "http://" + ap.String() + "/"
}
