// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {FSWP} from "./FSWP.sol";
import {FlashSwapGovernor} from "./FlashSwapGovernor.sol";
import {ReserveGovernor} from "./ReserveGovernor.sol";
import {IReserveGovernance} from "../interfaces/IReserveGovernance.sol";

/// @title The single-step ownership a governed contract (the pool) must offer to be handed to the timelock.
interface IOwnableTarget {
    function owner() external view returns (address);
    function transferOwnership(address newOwner) external;
}

/// @title Wires FSWP → FlashSwapGovernor → TimelockController (and the ReserveGovernor), then hands the pool to the
/// timelock; for tests and the devnet deployment script.
/// @dev Internal functions: every `new` and call runs as the calling contract, so in a forge script each becomes
/// one broadcast transaction. `deployer` must be the account those calls come from: `address(this)` in a test,
/// the broadcasting account in a script. It is the timelock's admin only until `deployProtocol` returns.
library GovernanceDeployer {
    /// @notice Protocol-level settings. Blocks for the governor (FSWP's clock), seconds for the timelock.
    struct ProtocolSettings {
        uint256 supply; // FSWP minted once to the holder, smallest unit
        uint48 votingDelayBlocks; // proposal → snapshot, at least 1
        uint32 votingPeriodBlocks;
        uint256 proposalThreshold; // FSWP votes (smallest unit) a proposer needs
        uint256 quorumPercent; // of FSWP's supply at the snapshot
        uint256 timelockDelaySeconds;
    }

    /// @notice Pool-level settings, all in blocks but the two shares.
    struct ReserveSettings {
        uint32 votingPeriodBlocks;
        uint32 executionDelayBlocks;
        uint32 gracePeriodBlocks;
        uint16 quorumBps; // of the fToken's supply at the snapshot
        uint16 proposalThresholdBps;
    }

    /// @notice What `deployProtocol` deployed.
    struct Protocol {
        FSWP token;
        TimelockController timelock;
        FlashSwapGovernor governor;
    }

    /// @notice The target's owner after `handOver` is `owner`, not the timelock (a two-step or other ownership).
    error HandOverFailed(address target, address owner, address timelock);
    /// @notice The pool did not take the reserve governor (`current` is what it names).
    error ReserveGovernorNotSet(address pool, address current, address expected);

    /// @notice The production timings (12-second blocks): 1 day to the snapshot, a week of voting, 2 days in the
    /// timelock; 100 M FSWP, 0.1 % to propose, 4 % quorum.
    function protocolDefaults() internal pure returns (ProtocolSettings memory) {
        return ProtocolSettings({
            supply: 100_000_000e18,
            votingDelayBlocks: 7_200,
            votingPeriodBlocks: 50_400,
            proposalThreshold: 100_000e18,
            quorumPercent: 4,
            timelockDelaySeconds: 2 days
        });
    }

    /// @notice The production timings of pool-level votes: 3 days of voting, 1 day before execution, 7 days to
    /// execute; 5 % quorum, 0.1 % of the fToken supply to propose.
    function reserveDefaults() internal pure returns (ReserveSettings memory) {
        return ReserveSettings({
            votingPeriodBlocks: 21_600,
            executionDelayBlocks: 7_200,
            gracePeriodBlocks: 50_400,
            quorumBps: 500,
            proposalThresholdBps: 10
        });
    }

    /// @notice Devnet timings (anvil mines a block per transaction): a 1-block delay, 20 blocks of voting, 60 s in
    /// the timelock; the same supply, threshold and quorum as production.
    function protocolDevnet() internal pure returns (ProtocolSettings memory s) {
        s = protocolDefaults();
        s.votingDelayBlocks = 1;
        s.votingPeriodBlocks = 20;
        s.timelockDelaySeconds = 60;
    }

    /// @notice Devnet timings of pool-level votes: 10 blocks of voting, 2 before execution, 100 to execute.
    function reserveDevnet() internal pure returns (ReserveSettings memory s) {
        s = reserveDefaults();
        s.votingPeriodBlocks = 10;
        s.executionDelayBlocks = 2;
        s.gracePeriodBlocks = 100;
    }

    /// @notice Deploys FSWP (whole supply to `holder`), the timelock and the governor, makes the governor the
    /// timelock's only proposer (and a canceller, with `guardian` if non-zero), lets anyone execute, and gives up
    /// the deployer's admin role: from then on only the timelock administers itself.
    function deployProtocol(address deployer, address holder, address guardian, ProtocolSettings memory s)
        internal
        returns (Protocol memory p)
    {
        p.token = new FSWP(holder, s.supply);
        address[] memory executors = new address[](1); // address(0): anyone may execute a ready operation
        p.timelock = new TimelockController(s.timelockDelaySeconds, new address[](0), executors, deployer);
        p.governor = new FlashSwapGovernor(
            p.token, p.timelock, s.votingDelayBlocks, s.votingPeriodBlocks, s.proposalThreshold, s.quorumPercent
        );
        p.timelock.grantRole(p.timelock.PROPOSER_ROLE(), address(p.governor));
        p.timelock.grantRole(p.timelock.CANCELLER_ROLE(), address(p.governor));
        if (guardian != address(0)) p.timelock.grantRole(p.timelock.CANCELLER_ROLE(), guardian);
        p.timelock.renounceRole(p.timelock.DEFAULT_ADMIN_ROLE(), deployer);
    }

    /// @notice Deploys the ReserveGovernor for `pool` and names it the pool's reserve governor; the caller must
    /// still own the pool (call before `handOver`, or propose `setReserveGovernor` through the governor after).
    function deployReserveGovernor(IReserveGovernance pool, TimelockController timelock, ReserveSettings memory s)
        internal
        returns (ReserveGovernor rg)
    {
        rg = new ReserveGovernor(
            pool,
            address(timelock),
            s.votingPeriodBlocks,
            s.executionDelayBlocks,
            s.gracePeriodBlocks,
            s.quorumBps,
            s.proposalThresholdBps
        );
        pool.setReserveGovernor(address(rg));
        address current = pool.reserveGovernor();
        if (current != address(rg)) revert ReserveGovernorNotSet(address(pool), current, address(rg));
    }

    /// @notice Transfers `target`'s ownership to the timelock and checks it took (single-step Ownable).
    function handOver(IOwnableTarget target, TimelockController timelock) internal {
        target.transferOwnership(address(timelock));
        address owner = target.owner();
        if (owner != address(timelock)) revert HandOverFailed(address(target), owner, address(timelock));
    }
}
