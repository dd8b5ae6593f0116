package neo4j

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Article claims. A load takes several write transactions per article
// (nodes, relationships, quantities, then the commit of its hash); a
// second loader that replaced the same article in between would delete the
// nodes the first is about to link. So a loader changes an article only
// while it holds its claim: kg_claim (the loader's token) and kg_claim_at
// (the server's time, ms since the epoch) on the Article node, set in one
// transaction under the article's write lock. Committing the article
// replaces its properties and so gives the claim back; release gives back
// the rest. The holder renews its claims between transactions; a claim
// not renewed for ClaimLease was left by a loader that died (killed, or
// cut off from the server) and is taken over.

// ClaimLease is how long a claim holds without being renewed: the longest
// a re-run waits for the articles of a killed kg ingest.
const ClaimLease = 30 * time.Second

// renewEvery is how often a loader renews the claims it holds: well within
// the lease, as one write transaction rarely takes seconds.
const renewEvery = ClaimLease / 3

// claim is what claiming an article found.
type claim struct {
	hash  string // stored hash ("" when its last load did not complete)
	fresh bool   // the claim created the article: nothing of it is stored
}

// newToken returns a loader's claim token.
func newToken() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// claimed claims ids and calls fn with the claims taken, as many times as
// it takes: what other loaders hold is claimed again after a wait (50 ms,
// doubling to 2 s) until they give it back or their lease runs out. When
// fn fails, the claims it was given are released.
func (l *Loader) claimed(ctx context.Context, ids []string, fn func(map[string]claim) error) error {
	rest := slices.Clone(ids)
	slices.Sort(rest) // one lock order for every loader
	rest = slices.Compact(rest)
	wait := 50 * time.Millisecond
	for len(rest) > 0 {
		got, err := l.claim(ctx, rest)
		if err != nil {
			return err
		}
		if len(got) == 0 {
			select {
			case <-ctx.Done():
				return fmt.Errorf("waiting for %d articles another loader is writing: %w", len(rest), ctx.Err())
			case <-time.After(wait):
			}
			wait = min(2*wait, 2*time.Second)
			continue
		}
		wait = 50 * time.Millisecond
		l.held, l.renewed = make([]string, 0, len(got)), time.Now()
		for id := range got {
			l.held = append(l.held, id)
		}
		slices.Sort(l.held)
		err = fn(got)
		l.held = nil
		if err != nil {
			mine := make([]string, 0, len(got))
			for id := range got {
				mine = append(mine, id)
			}
			slices.Sort(mine)
			// Give the claims back even when ctx was cancelled, within a
			// bound: otherwise the lease has to run out first.
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			return errors.Join(err, l.release(rctx, mine))
		}
		var left []string // a new slice: the claimed chunks were sent as parameters
		for _, id := range rest {
			if _, ok := got[id]; !ok {
				left = append(left, id)
			}
		}
		rest = left
	}
	return nil
}

// claim claims what it can of ids, one write transaction per chunk.
func (l *Loader) claim(ctx context.Context, ids []string) (map[string]claim, error) {
	out := map[string]claim{}
	for _, c := range chunks(len(ids), l.batch) {
		part := ids[c[0]:c[1]]
		var got map[string]claim
		l.claims++
		stamp := fmt.Sprintf("%s:%d", l.token, l.claims)
		err := l.write(ctx, func(tx Tx) error {
			got = map[string]claim{} // a retried transaction starts over
			rows, err := l.run(ctx, tx, stArticleClaim, map[string]any{
				"ids": part, "token": l.token, "lease": ClaimLease.Milliseconds(), "stamp": stamp})
			if err != nil {
				return err
			}
			for _, rec := range rows.Records() {
				var id, hash string
				var fresh bool
				if err := firstError(into(&id, value[string], rec, "id"), into(&hash, optional[string], rec, "hash"), into(&fresh, optional[bool], rec, "fresh")); err != nil {
					return err
				}
				got[id] = claim{hash: hash, fresh: fresh}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("claiming articles: %w", err)
		}
		for id, c := range got {
			out[id] = c
		}
	}
	return out, nil
}

// release gives back the claims this loader holds on ids.
func (l *Loader) release(ctx context.Context, ids []string) error {
	for _, c := range chunks(len(ids), l.batch) {
		part := ids[c[0]:c[1]]
		err := l.write(ctx, func(tx Tx) error {
			_, err := l.run(ctx, tx, stArticleRelease, map[string]any{"ids": part, "token": l.token})
			return err
		})
		if err != nil {
			return fmt.Errorf("releasing article claims: %w", err)
		}
	}
	return nil
}

// renew renews the claims this loader holds when renewEvery has passed
// since it last did: l.write calls it before each transaction.
func (l *Loader) renew(ctx context.Context) error {
	if len(l.held) == 0 || time.Since(l.renewed) < renewEvery {
		return nil
	}
	for _, c := range chunks(len(l.held), l.batch) {
		part := l.held[c[0]:c[1]]
		err := l.exec.ExecuteWrite(ctx, func(tx Tx) error {
			_, err := l.run(ctx, tx, stArticleRenew, map[string]any{"ids": part, "token": l.token})
			return err
		})
		if err != nil {
			return fmt.Errorf("renewing article claims: %w", err)
		}
	}
	l.renewed = time.Now()
	return nil
}
