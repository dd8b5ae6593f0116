package neo4j

import (
	"context"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Hooks for the live tests of package neo4j_test, which drive the kg
// command (internal/cli imports this package, so they cannot live here).
var (
	IntegrationConfig = integrationConfig
	OpenIntegration   = openIntegration
	Census            = census
	Wipe              = wipe
)

// Select runs cypher in a read transaction and returns its rows.
func Select(t *testing.T, st *Store, cypher string, params map[string]any) [][]any {
	t.Helper()
	var out [][]any
	err := st.exec.ExecuteRead(context.Background(), func(tx Tx) error {
		rows, err := tx.Run(context.Background(), cypher, params)
		out = rows.Values
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	return out
}

// Write runs cypher in a write transaction.
func Write(t *testing.T, st *Store, cypher string, params map[string]any) {
	t.Helper()
	err := st.exec.ExecuteWrite(context.Background(), func(tx Tx) error {
		_, err := tx.Run(context.Background(), cypher, params)
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
}

// AutoCommit runs cypher in an auto-commit transaction, as cypher-shell
// runs a statement outside :begin/:commit (CALL … IN TRANSACTIONS needs
// one).
func AutoCommit(t *testing.T, st *Store, cypher string) {
	t.Helper()
	ctx := context.Background()
	sess := st.drv.NewSession(ctx, driver.SessionConfig{DatabaseName: st.database})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, cypher, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
}
