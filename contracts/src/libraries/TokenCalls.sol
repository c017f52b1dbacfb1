// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title The bank's calls to a token: they never revert, they answer
/// @notice A view that reverts or answers fewer than 32 bytes reads as 0; a transfer succeeds when it returns true,
/// or returns nothing from an account with code (USDT-like tokens), and fails otherwise (revert, `false`, short
/// answer). Each call uses the free memory past the pointer for its call data, allocating nothing.
library TokenCalls {
    /// @notice What `provider` can lend the bank (the caller) now: `min(cap, balance, allowance)`.
    function available(address token, address provider, uint256 cap) internal view returns (uint256 can) {
        if (cap == 0) return 0;
        can = _min(cap, readWord(token, 0x70a08231, provider, address(0)));
        if (can == 0) return 0;
        can = _min(can, readWord(token, 0xdd62ed3e, provider, address(this)));
    }

    /// @notice The first word `token` answers to `selector(a)` (when `b` is 0) or `selector(a, b)`; 0 when the static
    /// call reverts or answers fewer than 32 bytes.
    function readWord(address token, uint32 selector, address a, address b) internal view returns (uint256 word) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, selector))
            mstore(add(m, 0x04), and(a, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x24), and(b, 0xffffffffffffffffffffffffffffffffffffffff))
            let size := 0x24
            if b { size := 0x44 }
            let ok := staticcall(gas(), token, m, size, 0x00, 0x20)
            if and(ok, gt(returndatasize(), 0x1f)) { word := mload(0x00) }
        }
    }

    /// @notice `token.transferFrom(from, to, amount)`: true when it returned true, or returned nothing from a contract.
    function tryTransferFrom(address token, address from, address to, uint256 amount) internal returns (bool ok) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, 0x23b872dd00000000000000000000000000000000000000000000000000000000)
            mstore(add(m, 0x04), and(from, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x24), and(to, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x44), amount)
            ok := call(gas(), token, 0, m, 0x64, 0x00, 0x20)
            if ok {
                switch returndatasize()
                case 0 { ok := gt(extcodesize(token), 0) }
                default { ok := and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1)) }
            }
        }
    }

    /// @notice `token.transfer(to, amount)` with the same success rule as `tryTransferFrom`.
    function tryTransfer(address token, address to, uint256 amount) internal returns (bool ok) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, 0xa9059cbb00000000000000000000000000000000000000000000000000000000)
            mstore(add(m, 0x04), and(to, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x24), amount)
            ok := call(gas(), token, 0, m, 0x44, 0x00, 0x20)
            if ok {
                switch returndatasize()
                case 0 { ok := gt(extcodesize(token), 0) }
                default { ok := and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1)) }
            }
        }
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
