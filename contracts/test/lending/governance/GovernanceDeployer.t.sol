// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Test} from "../../utils/Test.sol";
import {GovernanceDeployer, IOwnableTarget} from "../../../src/lending/governance/GovernanceDeployer.sol";
import {IReserveGovernance} from "../../../src/lending/interfaces/IReserveGovernance.sol";
import {MockGovernedPool} from "./mocks/MockGovernedPool.sol";

/// @title A two-step-owned contract, which the deployer cannot hand over in one call.
contract TwoStepOwnedTarget is Ownable2Step {
    constructor() Ownable(msg.sender) {}
}

/// @title A pool that ignores `setReserveGovernor`.
contract DeafReserveGovernancePool {
    function setReserveGovernor(address) external {}

    function reserveGovernor() external pure returns (address) {
        return address(0);
    }
}

/// @title The deployment helper: what it wires, and how it fails loudly instead of leaving a half-governed pool.
contract GovernanceDeployerTest is Test {
    address internal holder = makeAddr("holder");

    function test_DeploysWithTheGivenSettings() public {
        GovernanceDeployer.ProtocolSettings memory s = GovernanceDeployer.protocolDefaults();
        s.supply = 21_000_000e18;
        s.votingDelayBlocks = 3;
        s.votingPeriodBlocks = 17;
        s.timelockDelaySeconds = 60;
        GovernanceDeployer.Protocol memory p = GovernanceDeployer.deployProtocol(address(this), holder, address(0), s);
        assertEq(p.token.totalSupply(), 21_000_000e18, "supply");
        assertEq(p.token.balanceOf(holder), 21_000_000e18, "all to the holder");
        assertEq(p.governor.votingDelay(), 3, "delay");
        assertEq(p.governor.votingPeriod(), 17, "period");
        assertEq(p.timelock.getMinDelay(), 60, "timelock delay");
        assertFalse(p.timelock.hasRole(p.timelock.DEFAULT_ADMIN_ROLE(), address(this)), "admin given up");
        assertFalse(p.timelock.hasRole(p.timelock.CANCELLER_ROLE(), address(0)), "no guardian");
    }

    function test_RevertWhen_DeployerIsNotTheCaller() public {
        // The timelock's temporary admin must be the account making the calls (address(this) here).
        address someoneElse = makeAddr("someone else");
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(this),
                bytes32(0) // DEFAULT_ADMIN_ROLE
            )
        );
        this.deployProtocolAs(someoneElse);
    }

    function test_RevertWhen_TargetOwnershipIsTwoStep() public {
        GovernanceDeployer.Protocol memory p =
            GovernanceDeployer.deployProtocol(address(this), holder, address(0), GovernanceDeployer.protocolDefaults());
        TwoStepOwnedTarget target = new TwoStepOwnedTarget();
        vm.expectRevert(
            abi.encodeWithSelector(
                GovernanceDeployer.HandOverFailed.selector, address(target), address(this), address(p.timelock)
            )
        );
        this.handOver(IOwnableTarget(address(target)), address(p.timelock));
    }

    function test_RevertWhen_PoolDoesNotTakeTheReserveGovernor() public {
        GovernanceDeployer.Protocol memory p =
            GovernanceDeployer.deployProtocol(address(this), holder, address(0), GovernanceDeployer.protocolDefaults());
        DeafReserveGovernancePool deaf = new DeafReserveGovernancePool();
        try this.deployReserveGovernor(IReserveGovernance(address(deaf)), address(p.timelock)) {
            assertTrue(false, "must revert");
        } catch (bytes memory err) {
            // ReserveGovernorNotSet(pool, current, expected); the deployment of `expected` was rolled back with it.
            // forge-lint: disable-next-line(unsafe-typecast) the selector: the first four bytes
            assertEq(bytes4(err), GovernanceDeployer.ReserveGovernorNotSet.selector, "selector");
            (address pool, address current, address expected) = abi.decode(_args(err), (address, address, address));
            assertEq(pool, address(deaf), "pool");
            assertEq(current, address(0), "what the pool names");
            assertTrue(expected != address(0) && expected != address(deaf), "names the governor it deployed");
        }
    }

    function test_RevertWhen_CallerDoesNotOwnTheTarget() public {
        GovernanceDeployer.Protocol memory p =
            GovernanceDeployer.deployProtocol(address(this), holder, address(0), GovernanceDeployer.protocolDefaults());
        MockGovernedPool pool = new MockGovernedPool(holder);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        this.handOver(IOwnableTarget(address(pool)), address(p.timelock));
    }

    /// @dev External so that expectRevert sees the library's revert as a call's.
    function handOver(IOwnableTarget target, address timelock) external {
        GovernanceDeployer.handOver(target, TimelockController(payable(timelock)));
    }

    function deployProtocolAs(address deployer) external {
        GovernanceDeployer.deployProtocol(deployer, holder, address(0), GovernanceDeployer.protocolDefaults());
    }

    function deployReserveGovernor(IReserveGovernance pool, address timelock) external {
        GovernanceDeployer.deployReserveGovernor(
            pool, TimelockController(payable(timelock)), GovernanceDeployer.reserveDefaults()
        );
    }

    function _args(bytes memory err) private pure returns (bytes memory args) {
        args = new bytes(err.length - 4);
        for (uint256 i; i < args.length; ++i) {
            args[i] = err[i + 4];
        }
    }
}
