// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IReserveGovernor} from "../../../src/lending/governance/IReserveGovernor.sol";
import {MockGovernedPool} from "./mocks/MockGovernedPool.sol";
import {GovernanceFixture} from "./utils/GovernanceFixture.sol";

/// @title One decision carried through each level, for `forge test --gas-report` (isolated calls, cold storage):
/// the numbers behind the README's comparison of the two governors.
/// @dev Run: FOUNDRY_GAS_REPORTS='[ReserveGovernor,FlashSwapGovernor]' forge test --match-contract
/// GovernanceGasProfile --gas-report
contract GovernanceGasProfileTest is GovernanceFixture {
    function test_ReserveLevelDecision() public {
        vm.prank(carol);
        reserveGovernor.propose(WETH_ASSET, 0.85e27, 7); // the asset's first proposal: looks up its fToken
        vm.prank(carol);
        uint256 id = reserveGovernor.propose(WETH_ASSET, 0.9e27, 8); // a later one
        vm.prank(alice);
        reserveGovernor.castVote(id, IReserveGovernor.VoteType.For);
        vm.prank(carol);
        reserveGovernor.castVote(id, IReserveGovernor.VoteType.Against);
        _mine(uint256(reserveSettings.votingPeriodBlocks) + reserveSettings.executionDelayBlocks + 1);
        reserveGovernor.execute(id);
        assertEq(pool.reserveParams(WETH_ASSET).optimalUtilizationRay, 0.9e27, "decided");
    }

    function test_ProtocolLevelDecision() public {
        // The same decision as a protocol proposal (one call on the pool), through the timelock.
        Call memory c = _poolCall(
            abi.encodeCall(MockGovernedPool.setReserveParams, (WETH_ASSET, _params(0.9e27, 8))), "WETH uopt 90 %"
        );
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1);
        _vote(bob, id, 1);
        _vote(carol, id, 0);
        _mine(settings.votingPeriodBlocks);
        _queue(c);
        vm.warp(block.timestamp + settings.timelockDelaySeconds);
        _execute(c);
        assertEq(pool.reserveParams(WETH_ASSET).optimalUtilizationRay, 0.9e27, "decided");
    }
}
