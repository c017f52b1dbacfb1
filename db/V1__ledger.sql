-- V1: the FlashBank ledger (see io.flashbank.ledger). Built from FlashBank's and the ArbitrageExecutor's events only,
-- plus the executor's own outcome records and sampled opportunities. Every event row is keyed by
-- (chain_id, tx_hash, log_index), so writing a batch twice changes nothing. Amounts are uint256 values in the
-- token's smallest unit: NUMERIC(78,0) holds all of them. Addresses and hashes are lower-case 0x hex.

-- Where each chain's indexer stands: the last block written, with its hash to detect a reorg under it.
-- block_hash is null only for the start sentinel (block startBlock - 1, nothing indexed yet).
CREATE TABLE indexer_cursor (
    chain_id     BIGINT      PRIMARY KEY,
    block_number BIGINT      NOT NULL,
    block_hash   TEXT,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The end block of each recent batch: after a reorg the indexer walks these back to the newest one still canonical.
CREATE TABLE indexer_checkpoints (
    chain_id     BIGINT NOT NULL,
    block_number BIGINT NOT NULL,
    block_hash   TEXT,
    PRIMARY KEY (chain_id, block_number)
);

-- Every Committed and ProviderPruned event: the history of each provider's cap.
CREATE TABLE commitment_events (
    chain_id     BIGINT         NOT NULL,
    tx_hash      TEXT           NOT NULL,
    log_index    BIGINT         NOT NULL,
    block_number BIGINT         NOT NULL,
    block_hash   TEXT           NOT NULL,
    token        TEXT           NOT NULL,
    provider     TEXT           NOT NULL,
    amount       NUMERIC(78, 0) NOT NULL CHECK (amount >= 0),
    kind         TEXT           NOT NULL CHECK (kind IN ('committed', 'pruned')),
    pruned_by    TEXT,
    PRIMARY KEY (chain_id, tx_hash, log_index)
);
CREATE INDEX commitment_events_latest ON commitment_events (chain_id, token, provider, block_number DESC, log_index DESC);
CREATE INDEX commitment_events_block ON commitment_events (chain_id, block_number);

-- Each provider's current cap: the newest commitment event per (chain, token, provider).
CREATE TABLE commitments (
    chain_id     BIGINT         NOT NULL,
    token        TEXT           NOT NULL,
    provider     TEXT           NOT NULL,
    amount       NUMERIC(78, 0) NOT NULL CHECK (amount >= 0),
    block_number BIGINT         NOT NULL,
    log_index    BIGINT         NOT NULL,
    tx_hash      TEXT           NOT NULL,
    PRIMARY KEY (chain_id, token, provider)
);
CREATE INDEX commitments_provider ON commitments (provider);
CREATE INDEX commitments_block ON commitments (chain_id, block_number);

-- One row per FlashLoan event.
CREATE TABLE loans (
    chain_id     BIGINT         NOT NULL,
    tx_hash      TEXT           NOT NULL,
    log_index    BIGINT         NOT NULL,
    block_number BIGINT         NOT NULL,
    block_hash   TEXT           NOT NULL,
    token        TEXT           NOT NULL,
    receiver     TEXT           NOT NULL,
    initiator    TEXT           NOT NULL,
    amount       NUMERIC(78, 0) NOT NULL CHECK (amount >= 0),
    fee          NUMERIC(78, 0) NOT NULL CHECK (fee >= 0),
    providers    INTEGER        NOT NULL CHECK (providers >= 0),
    PRIMARY KEY (chain_id, tx_hash, log_index)
);
CREATE INDEX loans_newest ON loans (block_number DESC, log_index DESC);
CREATE INDEX loans_chain_newest ON loans (chain_id, block_number DESC, log_index DESC);

-- One row per provider per loan: providers[i], pulls[i], feeShares[i] of the FlashLoan event, position = i.
CREATE TABLE loan_shares (
    chain_id     BIGINT         NOT NULL,
    tx_hash      TEXT           NOT NULL,
    log_index    BIGINT         NOT NULL,
    position     INTEGER        NOT NULL CHECK (position >= 0),
    block_number BIGINT         NOT NULL,
    token        TEXT           NOT NULL,
    provider     TEXT           NOT NULL,
    pulled       NUMERIC(78, 0) NOT NULL CHECK (pulled >= 0),
    fee_share    NUMERIC(78, 0) NOT NULL CHECK (fee_share >= 0),
    PRIMARY KEY (chain_id, tx_hash, log_index, position),
    FOREIGN KEY (chain_id, tx_hash, log_index) REFERENCES loans ON DELETE CASCADE
);
CREATE INDEX loan_shares_provider ON loan_shares (provider, chain_id, token, block_number DESC, log_index DESC);
CREATE INDEX loan_shares_block ON loan_shares (chain_id, block_number);

-- One row per ProfitsWithdrawn event.
CREATE TABLE withdrawals (
    chain_id     BIGINT         NOT NULL,
    tx_hash      TEXT           NOT NULL,
    log_index    BIGINT         NOT NULL,
    block_number BIGINT         NOT NULL,
    block_hash   TEXT           NOT NULL,
    token        TEXT           NOT NULL,
    provider     TEXT           NOT NULL,
    amount       NUMERIC(78, 0) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (chain_id, tx_hash, log_index)
);
CREATE INDEX withdrawals_provider ON withdrawals (provider, chain_id, token);
CREATE INDEX withdrawals_block ON withdrawals (chain_id, block_number);

-- One row per ArbitrageExecutor Executed event: a route that ran and paid its profit.
CREATE TABLE arbitrage_events (
    chain_id     BIGINT         NOT NULL,
    tx_hash      TEXT           NOT NULL,
    log_index    BIGINT         NOT NULL,
    block_number BIGINT         NOT NULL,
    block_hash   TEXT           NOT NULL,
    executor     TEXT           NOT NULL,
    lender       TEXT           NOT NULL,
    token        TEXT           NOT NULL,
    amount       NUMERIC(78, 0) NOT NULL CHECK (amount >= 0),
    fee          NUMERIC(78, 0) NOT NULL CHECK (fee >= 0),
    profit       NUMERIC(78, 0) NOT NULL CHECK (profit >= 0),
    PRIMARY KEY (chain_id, tx_hash, log_index)
);
CREATE INDEX arbitrage_events_block ON arbitrage_events (chain_id, block_number);

-- Every execution attempt as the executor reported it (io.flashbank.execute.Execution). An attempt that sent a
-- transaction is keyed by (chain, tx hash), so a later outcome of the same transaction updates its row.
CREATE TABLE executions (
    id                  BIGSERIAL      PRIMARY KEY,
    opportunity_id      TEXT           NOT NULL,
    chain_id            BIGINT         NOT NULL,
    status              TEXT           NOT NULL CHECK (status IN ('MINED', 'REVERTED', 'SKIPPED', 'TIMED_OUT')),
    tx_hash             TEXT,
    token               TEXT           NOT NULL,
    amount_in           NUMERIC(78, 0) NOT NULL,
    expected_profit     NUMERIC(78, 0) NOT NULL,
    realized_profit     NUMERIC(78, 0) NOT NULL,
    gas_used            BIGINT         NOT NULL,
    effective_gas_price NUMERIC(78, 0) NOT NULL,
    block_number        BIGINT         NOT NULL,
    reason              TEXT,
    submitted_at        TIMESTAMPTZ    NOT NULL,
    finished_at         TIMESTAMPTZ    NOT NULL,
    recorded_at         TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX executions_tx ON executions (chain_id, tx_hash) WHERE tx_hash IS NOT NULL;
CREATE INDEX executions_newest ON executions (finished_at DESC);

-- A sample of the ranked opportunities (at most one per route per interval), for looking back at what was seen.
CREATE TABLE opportunity_samples (
    id              BIGSERIAL      PRIMARY KEY,
    opportunity_id  TEXT           NOT NULL,
    kind            TEXT           NOT NULL,
    chains          TEXT           NOT NULL,
    base_token      TEXT           NOT NULL,
    route           TEXT           NOT NULL,
    amount_in       NUMERIC(78, 0) NOT NULL,
    expected_profit NUMERIC(78, 0) NOT NULL,
    flash_fee       NUMERIC(78, 0) NOT NULL,
    gas_cost        NUMERIC(78, 0) NOT NULL,
    net_profit      NUMERIC(78, 0) NOT NULL,
    detected_at     TIMESTAMPTZ    NOT NULL,
    sampled_at      TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX opportunity_samples_newest ON opportunity_samples (detected_at DESC);
