// The benchmark's only way to the chain: JSON-RPC to anvil over fetch, ABI encoding through the pinned `cast`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Seconds between consecutive blocks unless a gap is asked for: Ethereum's slot. */
export const BLOCK_SECONDS = 12;

/** A transaction that failed: estimation refused it, or it was mined with status 0. */
export class TxFailed extends Error {}

/** One anvil chain: its RPC, the pinned cast binary, and what every deployed artifact landed at. */
export class Chain {
  constructor(rpcUrl, castPath) {
    this.rpcUrl = rpcUrl;
    this.cast = castPath;
    this.nextId = 1;
    this.clock = null; // the timestamp of the latest block this Chain mined
    this.nextGap = BLOCK_SECONDS;
  }

  /** The chain's own clock: every transaction mines a block BLOCK_SECONDS after the previous one (see `send`). */
  async startClock() {
    const block = await this.rpc('eth_getBlockByNumber', ['latest', false]);
    this.clock = BigInt(block.timestamp);
  }

  async rpc(method, params = []) {
    const res = await fetch(this.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method, params }),
    });
    const body = await res.json();
    if (body.error) {
      const e = new TxFailed(`${method}: ${body.error.message}${body.error.data ? ` (${JSON.stringify(body.error.data)})` : ''}`);
      e.rpcError = body.error;
      throw e;
    }
    return body.result;
  }

  /** Calldata of `sig` (e.g. "supply(address,uint256,address,uint16)") with cast's argument syntax. */
  calldata(sig, ...args) {
    return execFileSync(this.cast, ['calldata', sig, ...args.map(String)], { encoding: 'utf8' }).trim();
  }

  /** ABI-encoded constructor arguments (no selector); "" for a constructor without any. */
  ctorArgs(sig, ...args) {
    if (!sig) return '';
    return execFileSync(this.cast, ['abi-encode', sig, ...args.map(String)], { encoding: 'utf8' }).trim().slice(2);
  }

  async accounts() {
    return (await this.rpc('eth_accounts')).map((a) => a.toLowerCase());
  }

  /** Sends a transaction from an unlocked anvil account; resolves to its receipt, throws unless status is 1. */
  async send(from, to, data, value = 0n) {
    const tx = { from, data };
    if (to) tx.to = to;
    if (value) tx.value = `0x${value.toString(16)}`;
    // Anvil estimates against the latest block's timestamp, but the transaction is mined one block later, where an
    // index update may cost more: leave headroom. (gasUsed does not depend on the limit.)
    if (this.clock === null) await this.startClock();
    this.clock += BigInt(this.nextGap);
    this.nextGap = BLOCK_SECONDS;
    // Anvil would stamp blocks with the wall clock (several in one second skip the index updates): set each one.
    await this.rpc('evm_setNextBlockTimestamp', [`0x${this.clock.toString(16)}`]);
    const estimate = BigInt(await this.rpc('eth_estimateGas', [tx]));
    tx.gas = `0x${(estimate + estimate / 2n + 100000n).toString(16)}`;
    const hash = await this.rpc('eth_sendTransaction', [tx]);
    let receipt = await this.rpc('eth_getTransactionReceipt', [hash]);
    for (let i = 0; !receipt && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      receipt = await this.rpc('eth_getTransactionReceipt', [hash]);
    }
    if (!receipt) throw new TxFailed(`no receipt for ${hash}`);
    if (BigInt(receipt.status) !== 1n) throw new TxFailed(`transaction ${hash} reverted`);
    return receipt;
  }

  /** Calls `sig` on `to` from `from`; resolves to the receipt. */
  async tx(from, to, sig, ...args) {
    return this.send(from, to, this.calldata(sig, ...args));
  }

  /** eth_call of `sig`; resolves to the return data split into 32-byte words (hex strings without 0x). */
  async words(to, sig, ...args) {
    const out = await this.rpc('eth_call', [{ to, data: this.calldata(sig, ...args) }, 'latest']);
    const hex = out.slice(2);
    const words = [];
    for (let i = 0; i < hex.length; i += 64) words.push(hex.slice(i, i + 64));
    return words;
  }

  async uint(to, sig, ...args) {
    return BigInt(`0x${(await this.words(to, sig, ...args))[0]}`);
  }

  async address(to, sig, ...args) {
    return `0x${(await this.words(to, sig, ...args))[0].slice(24)}`;
  }

  /**
   * Deploys creation code with its libraries linked: `linkReferences` (hardhat's and forge's shape, file → library →
   * [{start, length}] in bytes) name where each library's address goes; `libraryAddress(file, name)` supplies it.
   */
  async deployCode(from, bytecode, linkReferences, libraryAddress, ctorArgs = '') {
    let code = bytecode.startsWith('0x') ? bytecode.slice(2) : bytecode;
    for (const [file, libs] of Object.entries(linkReferences || {})) {
      for (const [name, refs] of Object.entries(libs)) {
        const addr = (await libraryAddress(file, name)).slice(2).toLowerCase();
        for (const { start, length } of refs) {
          if (length !== 20) throw new Error(`link reference of ${name} is ${length} bytes`);
          code = code.slice(0, start * 2) + addr + code.slice((start + length) * 2);
        }
      }
    }
    if (code.includes('__')) throw new Error('unlinked library placeholder left in the bytecode');
    const receipt = await this.send(from, null, `0x${code}${ctorArgs}`);
    return receipt.contractAddress.toLowerCase();
  }

  /** The next transaction's block comes `seconds` after the latest one instead of BLOCK_SECONDS. */
  gapBeforeNext(seconds) {
    this.nextGap = seconds;
  }
}

/** Reads a JSON artifact (hardhat's: bytecode and linkReferences at the top; forge's: under `bytecode`). */
export function readArtifact(path) {
  const a = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof a.bytecode === 'string') return { abi: a.abi, bytecode: a.bytecode, linkReferences: a.linkReferences };
  return { abi: a.abi, bytecode: a.bytecode.object, linkReferences: a.bytecode.linkReferences };
}

/** A whole-token amount in the smallest unit: units("1.5", 18) = 1.5e18, exactly (no floating point). */
export function units(amount, decimals) {
  const [whole, frac = ''] = String(amount).split('.');
  if (frac.length > decimals) throw new Error(`${amount} has more than ${decimals} decimals`);
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
}

export const MAX_UINT = (1n << 256n) - 1n;
