// Package postgres is the partnership's server: every chair's meetings in
// one PostgreSQL database (github.com/jackc/pgx/v5), behind the laptops'
// SQLite databases, which stay where chairs type (docs/server.md). The
// rules of who may write what live in the engine: row-level security,
// triggers and grants made by Init, not only in this code.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The roles Init makes. A login is given one of them by the partnership's
// database owner (docs/server.md): GRANT strategyminutes_chair TO alice.
const (
	RoleChair   = "strategyminutes_chair"   // writes the meetings its login created, reads all meetings
	RoleAnalyst = "strategyminutes_analyst" // reads the report's figures and nothing else
	RoleAdmin   = "strategyminutes_admin"   // deletes meetings everywhere (retention), reads all
)

// Schema is the PostgreSQL schema (namespace) of the app's tables.
const Schema = "strategyminutes"

// ErrInsecure is returned for a server that is not on this computer and
// whose address does not ask for TLS with a verified certificate.
var ErrInsecure = errors.New("a server that is not on this computer must be reached with TLS and a verified certificate")

// Config reads a server's address as libpq does: a postgres:// URL or
// key=value settings, completed from PGHOST, PGPORT, PGUSER, PGPASSWORD,
// PGDATABASE, PGSSLMODE and the rest, and a password from ~/.pgpass
// (%APPDATA%\postgresql\pgpass.conf on Windows). A host that is not this
// computer (a unix socket, localhost, 127.0.0.1 or ::1) must be reached
// with sslmode=verify-full, so that children's records never cross a
// network unencrypted or to a server that is not the partnership's.
// Errors never repeat the address, which may hold a password.
func Config(address string) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(address)
	if err != nil {
		return nil, fmt.Errorf("the server's address: %w", scrubbed(err))
	}
	if err := checkTLS(cfg.ConnConfig.Config); err != nil {
		return nil, err
	}
	return cfg, nil
}

// checkTLS refuses a connection to another computer without TLS, or with
// TLS whose certificate is not checked against the host's name (sslmode
// disable, allow, prefer, require or verify-ca); pgx tries each fallback in
// turn, so every one must pass.
func checkTLS(c pgconn.Config) error {
	type try struct {
		host   string
		verify bool
	}
	tries := []try{{c.Host, c.TLSConfig != nil && !c.TLSConfig.InsecureSkipVerify}}
	for _, f := range c.Fallbacks {
		tries = append(tries, try{f.Host, f.TLSConfig != nil && !f.TLSConfig.InsecureSkipVerify})
	}
	for _, t := range tries {
		if !t.verify && !local(t.host) {
			return fmt.Errorf("the server %s: %w: add sslmode=verify-full to its address (and sslrootcert=FILE for the partnership's own certificate authority)", t.host, ErrInsecure)
		}
	}
	return nil
}

// local reports whether host is this computer: a unix socket's folder or
// a loopback name or address.
func local(host string) bool {
	if strings.HasPrefix(host, "/") || host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// errAddress says an address could not be read, without repeating it.
var errAddress = errors.New("it cannot be read: write it as postgres://USER@HOST:PORT/DATABASE?sslmode=verify-full, or as libpq's key=value settings")

// scrubbed is err without the address it quotes: pgx's parse errors (and
// the URL parser's under them) repeat the connection string, password and
// all.
func scrubbed(err error) error {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) {
		return errAddress
	}
	return err
}

// A Server is a connection pool to the partnership's server.
type Server struct {
	pool *pgxpool.Pool
}

// Open connects to the server at address (Config) and checks that it
// answers.
func Open(ctx context.Context, address string) (*Server, error) {
	cfg, err := Config(address)
	if err != nil {
		return nil, err
	}
	// A lock held for ever (any login can take the advisory lock pushes
	// take turns on) or a statement stuck ends the sync with an error,
	// to be tried again, rather than hanging the chair's laptop.
	for name, value := range map[string]string{"lock_timeout": "60s", "statement_timeout": "5min"} {
		if _, set := cfg.ConnConfig.RuntimeParams[name]; !set {
			cfg.ConnConfig.RuntimeParams[name] = value
		}
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to the server: %w", scrubbed(err))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to the server %s: %w", cfg.ConnConfig.Host, err)
	}
	return &Server{pool: pool}, nil
}

// Close closes the server's connections.
func (s *Server) Close() { s.pool.Close() }

// ErrPasswordInAddress is returned for an address to be kept (the app's
// settings) that holds a password: passwords belong in the pgpass file,
// which only its owner can read, or PGPASSWORD.
var ErrPasswordInAddress = errors.New("the address holds a password: put it in your pgpass file instead (~/.pgpass, or %APPDATA%\\postgresql\\pgpass.conf on Windows; docs/server.md)")

// CheckAddress checks an address to be kept in the app's settings: one
// Config reads, with no password in it.
func CheckAddress(address string) error {
	if address == "" {
		return nil
	}
	if hasPassword(address) {
		return ErrPasswordInAddress
	}
	_, err := Config(address)
	return err
}

// passwordSetting finds a password in libpq's key=value settings.
var passwordSetting = regexp.MustCompile(`(^|\s)password\s*=`)

// hasPassword reports whether an address (a URL, or key=value settings)
// holds a password itself.
func hasPassword(address string) bool {
	if strings.HasPrefix(address, "postgres://") || strings.HasPrefix(address, "postgresql://") {
		// A '#' or '?' in a password typed unescaped starts the URL's
		// fragment or query, which hides the rest of the password (and
		// the host after it) from the parser: "user:" and then an '@'
		// with no path between them is a password, however it parses.
		rest := address[strings.Index(address, "://")+3:]
		if at := strings.Index(rest, "@"); at >= 0 {
			if c := strings.Index(rest[:at], ":"); c >= 0 && !strings.Contains(rest[c:at], "/") {
				return true
			}
		}
		u, err := url.Parse(address)
		if err != nil {
			// Unreadable: a colon in what comes before the host may be
			// one, and Config refuses the address anyway.
			rest := address[strings.Index(address, "://")+3:]
			at := strings.LastIndex(rest, "@")
			return at >= 0 && strings.Contains(rest[:at], ":") || strings.Contains(address, "password")
		}
		_, set := u.User.Password()
		return set || u.Query().Has("password")
	}
	return passwordSetting.MatchString(address)
}
