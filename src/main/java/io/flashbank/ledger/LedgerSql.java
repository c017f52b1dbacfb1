package io.flashbank.ledger;

/** The API's read queries, kept together so the indexes of {@code V1__ledger.sql} can be checked against them. */
final class LedgerSql {
    /** Per (chain, token) the provider appears in: current commitment, fees earned, withdrawn. $1 provider. */
    static final String POSITIONS = """
            WITH keys AS (
                SELECT chain_id, token FROM commitments WHERE provider = $1
                UNION SELECT chain_id, token FROM loan_shares WHERE provider = $1
                UNION SELECT chain_id, token FROM withdrawals WHERE provider = $1)
            SELECT k.chain_id, k.token,
                COALESCE((SELECT c.amount FROM commitments c
                          WHERE c.chain_id = k.chain_id AND c.token = k.token AND c.provider = $1), 0) AS commitment,
                COALESCE((SELECT sum(s.fee_share) FROM loan_shares s
                          WHERE s.provider = $1 AND s.chain_id = k.chain_id AND s.token = k.token), 0) AS earned,
                COALESCE((SELECT sum(w.amount) FROM withdrawals w
                          WHERE w.provider = $1 AND w.chain_id = k.chain_id AND w.token = k.token), 0) AS withdrawn
            FROM keys k ORDER BY k.chain_id, k.token""";

    /** The provider's newest loans per (chain, token), newest first. $1 provider, $2 loans per position. */
    static final String PROVIDER_LOANS = """
            SELECT s.chain_id, s.token, s.tx_hash, s.log_index, s.block_number, l.amount, l.fee, s.pulled, s.fee_share
            FROM (SELECT s.*, row_number() OVER (PARTITION BY s.chain_id, s.token
                                                  ORDER BY s.block_number DESC, s.log_index DESC, s.position) AS rn
                  FROM loan_shares s WHERE s.provider = $1) s
            JOIN loans l ON l.chain_id = s.chain_id AND l.tx_hash = s.tx_hash AND l.log_index = s.log_index
            WHERE s.rn <= $2
            ORDER BY s.chain_id, s.token, s.block_number DESC, s.log_index DESC, s.position""";

    private static final String LOANS_WITH_SHARES = """
            SELECT l.chain_id, l.tx_hash, l.log_index, l.block_number, l.block_hash, l.token, l.receiver, l.initiator,
                   l.amount, l.fee, s.position, s.provider, s.pulled, s.fee_share
            FROM l LEFT JOIN loan_shares s
                 ON s.chain_id = l.chain_id AND s.tx_hash = l.tx_hash AND s.log_index = l.log_index
            ORDER BY l.block_number DESC, l.log_index DESC, l.chain_id, s.position""";

    /** The newest loans of every chain with their shares. $1 limit. */
    static final String LOANS = "WITH l AS (SELECT * FROM loans ORDER BY block_number DESC, log_index DESC, chain_id LIMIT $1)\n"
            + LOANS_WITH_SHARES;

    /** The newest loans of one chain with their shares. $1 limit, $2 chain. */
    static final String LOANS_OF_CHAIN = "WITH l AS (SELECT * FROM loans WHERE chain_id = $2 ORDER BY block_number DESC, log_index DESC "
            + "LIMIT $1)\n" + LOANS_WITH_SHARES;

    /** Per provider, everything the loans of one initiator in one token pulled from it. $1 chain, $2 token, $3 initiator. */
    static final String PULLED_BY_PROVIDER = """
            SELECT s.provider, sum(s.pulled) AS pulled
            FROM loan_shares s
            JOIN loans l ON l.chain_id = s.chain_id AND l.tx_hash = s.tx_hash AND l.log_index = s.log_index
            WHERE s.chain_id = $1 AND s.token = $2 AND l.initiator = $3
            GROUP BY s.provider ORDER BY s.provider""";

    /** How many loans one initiator made in one token, and the largest. $1 chain, $2 token, $3 initiator. */
    static final String LOANS_BY_INITIATOR = """
            SELECT count(*) AS loans, max(amount) AS largest FROM loans
            WHERE chain_id = $1 AND token = $2 AND initiator = $3""";

    private LedgerSql() {
    }
}
