package vault

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrations embed.FS

const driverName = "kintrace-sqlite3"

var registerOnce sync.Once

// connectPragmas run on every new connection. temp_store=MEMORY keeps
// sorter and temporary tables off the disk; secure_delete overwrites freed
// pages so deleted ciphertext does not linger; synchronous=FULL makes every
// commit durable in WAL mode.
var connectPragmas = []string{
	// 16 KiB pages: a 64 KiB attachment chunk then spans 4 overflow pages
	// instead of 16, which halves the CPU of inserting it. It takes effect
	// only on a new, empty file (before WAL mode is set); on an existing
	// vault it changes nothing.
	"PRAGMA page_size = 16384",
	"PRAGMA journal_mode = WAL",
	"PRAGMA synchronous = FULL",
	"PRAGMA secure_delete = ON",
	"PRAGMA foreign_keys = ON",
	"PRAGMA busy_timeout = 5000",
	"PRAGMA temp_store = MEMORY",
}

func registerDriver() {
	registerOnce.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{
			ConnectHook: func(c *sqlite3.SQLiteConn) error {
				for _, p := range connectPragmas {
					if _, err := c.Exec(p, nil); err != nil {
						return fmt.Errorf("%s: %w", p, err)
					}
				}
				return nil
			},
		})
	})
}

// openDB opens (creating when create is true) the SQLite file at path with
// one connection: Kintrace has one writer, and reads are served from the
// in-memory index, so a single connection keeps locking simple.
func openDB(path string, create bool) (*sql.DB, error) {
	registerDriver()
	dir := filepath.Dir(path)
	if create {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create vault folder: %w", err)
		}
		// Create the file ourselves so it is 0600 from its first byte;
		// SQLite gives its -wal and -shm files the same mode.
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return nil, fmt.Errorf("create vault: %w", ErrExists)
			}
			return nil, fmt.Errorf("create vault: %w", err)
		}
		f.Close()
	} else {
		st, err := os.Stat(path)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("open vault: %w", ErrNotFound)
			}
			return nil, fmt.Errorf("open vault: %w", err)
		}
		if st.IsDir() {
			return nil, fmt.Errorf("open vault: %w", ErrNotVault)
		}
	}
	dsn := "file:" + path + "?_txlock=immediate&_stmt_cache_size=32"
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open vault: %w", err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open vault: %w: %v", ErrNotVault, err)
	}
	return db, nil
}

// migrate applies the embedded migrations that have not run yet, each in one
// transaction together with its bookkeeping row.
func migrate(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		n, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migrate: bad migration name %s", name)
		}
		if err := applyMigration(ctx, db, n, name); err != nil {
			return err
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, n int, name string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, n).Scan(&done); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if done > 0 {
		return nil
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migrate %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES (?)`, n); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return tx.Commit()
}

// pendingMigrations reports whether any embedded migration has not run, so
// that opening a vault writes nothing unless it must.
func pendingMigrations(ctx context.Context, db *sql.DB) (bool, error) {
	var max sql.NullInt64
	err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&max)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return false, ErrNotVault
		}
		return false, err
	}
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	return int64(len(names)) > max.Int64, nil
}

// isConstraint reports a violated uniqueness or key constraint.
func isConstraint(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint
}
