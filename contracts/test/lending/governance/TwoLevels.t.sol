// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IReserveGovernor} from "../../../src/lending/governance/IReserveGovernor.sol";
import {IReserveGovernance} from "../../../src/lending/interfaces/IReserveGovernance.sol";
import {MockGovernedPool} from "./mocks/MockGovernedPool.sol";
import {GovernanceFixture} from "./utils/GovernanceFixture.sol";

/// @title The two levels together: protocol governance moves the bounds, or vetoes, while a pool-level proposal waits.
contract TwoLevelsTest is GovernanceFixture {
    uint256 internal constant UOPT = 0.9e27;
    uint16 internal constant FEE = 20;

    function _passReserveProposal() internal returns (uint256 id) {
        vm.prank(carol);
        id = reserveGovernor.propose(WETH_ASSET, UOPT, FEE);
        vm.prank(alice);
        reserveGovernor.castVote(id, IReserveGovernor.VoteType.For);
    }

    function test_RevertWhen_ProtocolGovernanceNarrowsBoundsBeforeExecution() public {
        uint256 reserveId = _passReserveProposal();
        Call memory c = _poolCall(
            abi.encodeCall(MockGovernedPool.setPoolDecisionBounds, (WETH_ASSET, 0.7e27, 0.85e27, 10)),
            "Narrow WETH's pool-level bounds"
        );
        uint256 protocolId = _passAndQueue(c);
        _execute(c);
        assertEq(uint256(governor.state(protocolId)), uint256(IGovernor.ProposalState.Executed), "bounds moved");

        // The pool-level proposal passed under the old bounds and is executable now, but no longer within them.
        assertEq(
            uint256(reserveGovernor.state(reserveId)), uint256(IReserveGovernor.ProposalState.Executable), "executable"
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IReserveGovernance.PoolDecisionOutOfBounds.selector, WETH_ASSET, UOPT, FEE, 0.7e27, 0.85e27, 10
            )
        );
        reserveGovernor.execute(reserveId);
        assertEq(pool.reserveParams(WETH_ASSET).optimalUtilizationRay, 0.8e27, "uopt unchanged");
        assertEq(pool.reserveParams(WETH_ASSET).flashLoanFeeBps, 9, "fee unchanged");

        // A new pool-level proposal must fit the new bounds.
        vm.prank(carol);
        vm.expectRevert(
            abi.encodeWithSelector(
                IReserveGovernance.PoolDecisionOutOfBounds.selector, WETH_ASSET, UOPT, FEE, 0.7e27, 0.85e27, 10
            )
        );
        reserveGovernor.propose(WETH_ASSET, UOPT, FEE);
    }

    function test_ProtocolGovernanceVetoesAPoolLevelProposal() public {
        uint256 reserveId = _passReserveProposal();
        Call memory c;
        c.targets = new address[](1);
        c.targets[0] = address(reserveGovernor);
        c.values = new uint256[](1);
        c.calldatas = new bytes[](1);
        c.calldatas[0] = abi.encodeCall(IReserveGovernor.cancel, (reserveId));
        c.description = "Veto WETH proposal 1";
        _passAndQueue(c);
        vm.expectEmit(address(reserveGovernor));
        emit IReserveGovernor.ProposalCanceled(reserveId, address(timelock));
        _execute(c);
        assertEq(uint256(reserveGovernor.state(reserveId)), uint256(IReserveGovernor.ProposalState.Canceled), "vetoed");
    }

    function test_ProtocolGovernanceReplacesTheReserveGovernor() public {
        address successor = makeAddr("reserve governor v2");
        Call memory c =
            _poolCall(abi.encodeCall(IReserveGovernance.setReserveGovernor, (successor)), "New reserve governor");
        uint256 reserveId = _passReserveProposal();
        _passAndQueue(c);
        _execute(c);
        assertEq(pool.reserveGovernor(), successor, "replaced");
        // The old governor's passed proposal can no longer reach the pool.
        vm.expectRevert(
            abi.encodeWithSelector(IReserveGovernance.NotReserveGovernor.selector, address(reserveGovernor))
        );
        reserveGovernor.execute(reserveId);
    }
}
