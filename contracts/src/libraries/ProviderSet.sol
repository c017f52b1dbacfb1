// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @dev Members per token (FlashBank's MAX_PROVIDERS), so a rank never holds more.
uint256 constant PROVIDER_CAPACITY = 128;
/// @dev Rank 0 and one rank per bit of a uint128 availability.
uint256 constant PROVIDER_RANKS = 129;

/// @title One token's provider set, kept in ranks by what each provider could lend when the bank last measured it
/// @notice Rank 0 holds the members that could lend nothing or less than the token's minimum; rank `k >= 1` holds
/// those whose availability was in `[2**(k-1), 2**k)`. Walking the ranks from the top visits the providers that
/// can lend the most first (exactly up to a factor of two), so a pro-rata loan can stop reading once the rest could
/// only take dust, and eviction can start from the bottom. Joining, leaving and re-ranking are O(1) and need no
/// hints: a rank is a swap-and-pop array and a bitmap says which ranks are occupied.
/// @dev A member's rank is a measurement, not a promise: balances and allowances change without the bank seeing
/// it. Whoever reads a member live (a loan, `commit`, `refresh`) corrects its rank with `move`.
///
/// Layout, for the loan path: `rows[rank][j]` holds member `j` of the rank in its low 160 bits, and `rows[rank][0]`
/// also holds the rank's size in its high 96 bits, so the slot that names a rank's first member also says how many
/// follow. `occupied` keeps a sentinel bit (255) from `init` on, so that it is never zero and filling an empty rank
/// is a non-zero to non-zero write.
library ProviderSet {
    uint256 internal constant CAPACITY = PROVIDER_CAPACITY;
    uint256 internal constant RANKS = PROVIDER_RANKS;
    /// @dev The bits of `occupied` that are ranks; bit 0 is rank 0.
    // forge-lint: disable-next-line(incorrect-shift) 2**129 - 1
    uint256 internal constant RANK_BITS = (1 << PROVIDER_RANKS) - 1;
    uint256 private constant SENTINEL = 1 << 255;
    uint256 private constant ADDRESS_MASK = (1 << 160) - 1;
    uint256 private constant ONE_MORE = 1 << 160;

    /// @dev Where a member sits: `rows[rank][index]`.
    struct Seat {
        uint8 rank;
        uint8 index;
    }

    struct Set {
        /// @dev Bit `k` is set when rank `k` has members; bit 255 is the sentinel.
        uint256 occupied;
        uint256[PROVIDER_CAPACITY][PROVIDER_RANKS] rows;
        mapping(address provider => Seat) seats;
    }

    /// @notice The rank of a member that can lend `can`, for a token whose minimum is `minimum`.
    function rankOf(uint256 can, uint256 minimum) internal pure returns (uint256) {
        if (can == 0 || can < minimum) return 0;
        return 1 + log2(can);
    }

    /// @dev Sets the sentinel, once (when the token is first listed).
    function init(Set storage set) internal {
        if (set.occupied == 0) set.occupied = SENTINEL;
    }

    /// @dev Adds a provider that is not a member (the caller checks) at `rank`.
    function insert(Set storage set, address provider, uint256 rank) internal {
        uint256[CAPACITY] storage row = set.rows[rank];
        uint256 head = row[0];
        uint256 index = head >> 160;
        if (index == 0) {
            row[0] = ONE_MORE | uint160(provider);
            // forge-lint: disable-next-line(incorrect-shift) the bit for `rank`
            set.occupied |= 1 << rank;
        } else {
            row[index] = uint160(provider);
            row[0] = head + ONE_MORE;
        }
        // forge-lint: disable-next-line(unsafe-typecast) rank < RANKS = 129, index < CAPACITY = 128
        set.seats[provider] = Seat(uint8(rank), uint8(index));
    }

    /// @dev Removes a member (the caller checks); the last member of its rank takes its place.
    function remove(Set storage set, address provider) internal {
        Seat memory seat = set.seats[provider];
        _take(set, seat.rank, seat.index);
        delete set.seats[provider];
    }

    /// @dev Moves a member to `rank`; does nothing when it is there already.
    function move(Set storage set, address provider, uint256 rank) internal {
        Seat memory seat = set.seats[provider];
        if (seat.rank == rank) return;
        _take(set, seat.rank, seat.index);
        insert(set, provider, rank);
    }

    /// @notice The member a full set offers for eviction first: the last of the lowest occupied rank.
    /// @dev Only for a non-empty set.
    function lowest(Set storage set) internal view returns (address) {
        uint256 bits = set.occupied & RANK_BITS;
        uint256 rank = log2(bits & (~bits + 1)); // the lowest set bit
        uint256[CAPACITY] storage row = set.rows[rank];
        return address(uint160(row[(row[0] >> 160) - 1]));
    }

    /// @notice Every member, from the highest rank down, each rank in its array order: the order loans read them.
    function list(Set storage set, uint256 count) internal view returns (address[] memory all) {
        all = new address[](count);
        uint256 k;
        for (uint256 bits = set.occupied & RANK_BITS; bits != 0;) {
            uint256 rank = log2(bits);
            // forge-lint: disable-next-line(incorrect-shift) the bit for `rank`
            bits ^= 1 << rank;
            uint256[CAPACITY] storage row = set.rows[rank];
            uint256 size = row[0] >> 160;
            for (uint256 j; j < size; ++j) {
                all[k++] = address(uint160(row[j]));
            }
        }
    }

    /// @notice How many members rank `rank` holds.
    function sizeOf(Set storage set, uint256 rank) internal view returns (uint256) {
        return set.rows[rank][0] >> 160;
    }

    /// @notice Member `j` of rank `rank` (`j` below its size).
    function memberAt(Set storage set, uint256 rank, uint256 j) internal view returns (address) {
        return address(uint160(set.rows[rank][j]));
    }

    /// @dev `floor(log2(x))` for `x > 0`, 0 for 0.
    function log2(uint256 x) internal pure returns (uint256 r) {
        assembly ("memory-safe") {
            r := shl(7, lt(0xffffffffffffffffffffffffffffffff, x))
            r := or(r, shl(6, lt(0xffffffffffffffff, shr(r, x))))
            r := or(r, shl(5, lt(0xffffffff, shr(r, x))))
            r := or(r, shl(4, lt(0xffff, shr(r, x))))
            r := or(r, shl(3, lt(0xff, shr(r, x))))
            r := or(r, shl(2, lt(0xf, shr(r, x))))
            r := or(r, shl(1, lt(0x3, shr(r, x))))
            r := or(r, lt(0x1, shr(r, x)))
        }
    }

    /// @dev Swap-and-pop of `rows[rank][index]`, keeping the moved member's seat, the size and the bitmap right.
    function _take(Set storage set, uint256 rank, uint256 index) private {
        uint256[CAPACITY] storage row = set.rows[rank];
        uint256 head = row[0];
        uint256 last = (head >> 160) - 1;
        if (last == 0) {
            // the rank's only member: the rank is empty now
            row[0] = 0;
            // forge-lint: disable-next-line(incorrect-shift) the bit for `rank`
            set.occupied &= ~(1 << rank);
            return;
        }
        head -= ONE_MORE;
        if (index != last) {
            uint256 moved = row[last];
            if (index == 0) head = (head & ~ADDRESS_MASK) | moved;
            else row[index] = moved;
            // forge-lint: disable-next-line(unsafe-typecast) index < last < CAPACITY = 128
            set.seats[address(uint160(moved))].index = uint8(index);
        }
        row[last] = 0;
        row[0] = head;
    }
}
