// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IReserveGovernor} from "../../../src/lending/governance/IReserveGovernor.sol";
import {MockGovernedPool} from "./mocks/MockGovernedPool.sol";
import {FlashVoteLender} from "./mocks/FlashVoteLender.sol";
import {FlashVoteAttacker} from "./mocks/FlashVoteAttacker.sol";
import {GovernanceFixture} from "./utils/GovernanceFixture.sol";

/// @title Votes bought with a flash loan count for nothing, at both governance levels.
/// @dev A lender hands an attacker FSWP (or mints it fTokens) for one call; inside it the attacker delegates to
/// itself, has real current votes (checked), and votes or proposes. Each attempt must carry zero weight.
contract FlashLoanVotesTest is GovernanceFixture {
    uint256 internal constant LOAN_FSWP = 50_000_000e18; // more than every honest voter together
    uint256 internal constant LOAN_FTOKENS = 10_000e18; // ten times the fToken supply

    FlashVoteLender internal lender;

    function setUp() public override {
        super.setUp();
        lender = new FlashVoteLender();
        vm.prank(treasury);
        assertTrue(fswp.transfer(address(lender), LOAN_FSWP), "transfer");
        _mine(1);
    }

    function _oracleCall() internal view returns (Call memory) {
        return _poolCall(abi.encodeCall(MockGovernedPool.setOracle, (address(0xBAD))), "attacker's oracle");
    }

    function _protocolTallies(uint256 id) internal view returns (uint256 total) {
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        total = against + forVotes + abstain;
    }

    // ---------------------------------------------------------------- protocol level (FSWP)

    function test_FswpFlashBorrowedInTheProposalBlockWeighsNothing() public {
        Call memory c = _oracleCall();
        uint256 id = _propose(alice, c);
        FlashVoteAttacker attacker = new FlashVoteAttacker();
        // Same block as the proposal: borrow, delegate, repay.
        lender.flashLend(fswp, LOAN_FSWP, attacker);
        assertEq(attacker.votesDuringLoan(), LOAN_FSWP, "the loan really carried votes");

        // A vote in the proposal's block is refused outright: the proposal is pending.
        attacker.arm(address(governor), abi.encodeCall(IGovernor.castVote, (id, 1)));
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Pending,
                bytes32(2 ** uint256(IGovernor.ProposalState.Active))
            )
        );
        attacker.callNow();

        // At the snapshot block, borrow again: the checkpoint at the block's end holds nothing.
        _mine(settings.votingDelayBlocks);
        attacker.arm(address(0), "");
        lender.flashLend(fswp, LOAN_FSWP, attacker);
        _mine(1);
        uint256 snapshot = governor.proposalSnapshot(id);
        assertEq(fswp.getPastVotes(address(attacker), snapshot), 0, "no votes at the snapshot");

        attacker.arm(address(governor), abi.encodeCall(IGovernor.castVote, (id, 1)));
        uint256 weight = abi.decode(attacker.callNow(), (uint256));
        assertEq(weight, 0, "the vote weighs nothing");
        assertEq(_protocolTallies(id), 0, "nothing tallied");
    }

    function test_FswpFlashBorrowedWhileVotingWeighsNothing() public {
        Call memory c = _oracleCall();
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1);
        // In the first voting block and later ones, fresh attackers borrow and vote inside the loan.
        uint256[3] memory waits = [uint256(0), 1, settings.votingPeriodBlocks - 2];
        for (uint256 i; i < waits.length; ++i) {
            _mine(waits[i]);
            FlashVoteAttacker attacker = new FlashVoteAttacker();
            attacker.arm(address(governor), abi.encodeCall(IGovernor.castVote, (id, 1)));
            lender.flashLend(fswp, LOAN_FSWP, attacker);
            assertEq(attacker.votesDuringLoan(), LOAN_FSWP, "current votes during the loan");
            assertTrue(attacker.succeeded(), "the vote went through");
            assertEq(abi.decode(attacker.returned(), (uint256)), 0, "with zero weight");
            assertTrue(governor.hasVoted(id, address(attacker)), "and used up the attacker's vote");
        }
        assertEq(_protocolTallies(id), 0, "nothing tallied");
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Active), "still active");

        // An honest voter decides it.
        _vote(carol, id, 0);
        _mine(settings.votingPeriodBlocks);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Defeated), "no quorum from the attack");
    }

    function test_RevertWhen_FswpFlashBorrowedToReachTheProposalThreshold() public {
        Call memory c = _oracleCall();
        FlashVoteAttacker attacker = new FlashVoteAttacker();
        attacker.arm(
            address(governor), abi.encodeCall(IGovernor.propose, (c.targets, c.values, c.calldatas, c.description))
        );
        lender.flashLend(fswp, LOAN_FSWP, attacker);
        assertFalse(attacker.succeeded(), "refused");
        assertEq(
            attacker.returned(),
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, address(attacker), 0, settings.proposalThreshold
            ),
            "the threshold reads the previous block"
        );
    }

    function test_TokensHeldAcrossTheSnapshotDoCount() public {
        // The control: the same tokens, held and delegated before the snapshot, carry their full weight.
        Call memory c = _oracleCall();
        FlashVoteAttacker holder = new FlashVoteAttacker();
        vm.prank(address(lender));
        assertTrue(fswp.transfer(address(holder), LOAN_FSWP), "transfer");
        holder.delegateSelf(fswp);
        uint256 id = _propose(alice, c);
        _mine(settings.votingDelayBlocks + 1);
        holder.arm(address(governor), abi.encodeCall(IGovernor.castVote, (id, 1)));
        assertEq(abi.decode(holder.callNow(), (uint256)), LOAN_FSWP, "held votes count");
    }

    // ---------------------------------------------------------------- pool level (fTokens)

    function test_FTokensFlashMintedInTheProposalBlockWeighNothing() public {
        vm.prank(carol);
        uint256 id = reserveGovernor.propose(WETH_ASSET, 0.9e27, 30);
        uint256 snapshot = block.number - 1;
        FlashVoteAttacker attacker = new FlashVoteAttacker();
        attacker.arm(
            address(reserveGovernor), abi.encodeCall(IReserveGovernor.castVote, (id, IReserveGovernor.VoteType.For))
        );
        lender.flashMint(fWeth, LOAN_FTOKENS, attacker);
        assertEq(attacker.votesDuringLoan(), LOAN_FTOKENS, "the loan really carried votes");
        assertFalse(attacker.succeeded(), "refused");
        assertEq(
            attacker.returned(),
            abi.encodeWithSelector(IReserveGovernor.NoVotingPower.selector, address(attacker), snapshot),
            "no votes at the snapshot"
        );
        assertFalse(reserveGovernor.hasVoted(id, address(attacker)), "no vote recorded");
    }

    function test_FTokensFlashMintedWhileVotingWeighNothing() public {
        vm.prank(carol);
        uint256 id = reserveGovernor.propose(WETH_ASSET, 0.9e27, 30);
        uint256 snapshot = block.number - 1;
        uint256[3] memory waits = [uint256(1), 100, reserveSettings.votingPeriodBlocks - 101];
        for (uint256 i; i < waits.length; ++i) {
            _mine(waits[i]);
            FlashVoteAttacker attacker = new FlashVoteAttacker();
            attacker.arm(
                address(reserveGovernor), abi.encodeCall(IReserveGovernor.castVote, (id, IReserveGovernor.VoteType.For))
            );
            lender.flashMint(fWeth, LOAN_FTOKENS, attacker);
            assertEq(attacker.votesDuringLoan(), LOAN_FTOKENS, "current votes during the loan");
            assertEq(
                attacker.returned(),
                abi.encodeWithSelector(IReserveGovernor.NoVotingPower.selector, address(attacker), snapshot),
                "refused"
            );
        }
        IReserveGovernor.Proposal memory p = reserveGovernor.proposal(id);
        assertEq(p.forVotes + p.againstVotes + p.abstainVotes, 0, "nothing tallied");
        _mine(2);
        assertEq(uint256(reserveGovernor.state(id)), uint256(IReserveGovernor.ProposalState.Defeated), "no quorum");
    }

    function test_FTokensAcquiredInTheProposalBlockAndKeptWeighNothing() public {
        // Stronger than a flash loan: deposit (mint) in the proposal's block, before the proposal, and keep it.
        FlashVoteAttacker attacker = new FlashVoteAttacker();
        fWeth.mint(address(attacker), LOAN_FTOKENS);
        attacker.delegateSelf(fWeth);
        vm.prank(carol);
        uint256 id = reserveGovernor.propose(WETH_ASSET, 0.9e27, 30);
        uint256 snapshot = block.number - 1;
        _mine(1);
        assertEq(fWeth.getVotes(address(attacker)), LOAN_FTOKENS, "the attacker votes now");
        attacker.arm(
            address(reserveGovernor), abi.encodeCall(IReserveGovernor.castVote, (id, IReserveGovernor.VoteType.For))
        );
        vm.expectRevert(abi.encodeWithSelector(IReserveGovernor.NoVotingPower.selector, address(attacker), snapshot));
        attacker.callNow();
    }

    function test_RevertWhen_FTokensFlashMintedToReachTheProposalThreshold() public {
        FlashVoteAttacker attacker = new FlashVoteAttacker();
        attacker.arm(address(reserveGovernor), abi.encodeCall(IReserveGovernor.propose, (WETH_ASSET, 0.9e27, 30)));
        lender.flashMint(fWeth, LOAN_FTOKENS, attacker);
        uint256 threshold = (fWeth.getPastTotalSupply(block.number - 1) * 10 + 9_999) / 10_000;
        assertEq(
            attacker.returned(),
            abi.encodeWithSelector(
                IReserveGovernor.ProposerVotesBelowThreshold.selector, address(attacker), 0, threshold
            ),
            "the threshold reads the previous block"
        );
        assertEq(reserveGovernor.proposalCount(), 0, "nothing proposed");
    }

    function testFuzz_FlashMintedFTokensNeverCount(uint256 amount, uint256 wait) public {
        amount = bound(amount, 1, 1e36);
        wait = bound(wait, 0, reserveSettings.votingPeriodBlocks);
        vm.prank(carol);
        uint256 id = reserveGovernor.propose(WETH_ASSET, 0.9e27, 30);
        _mine(wait);
        FlashVoteAttacker attacker = new FlashVoteAttacker();
        attacker.arm(
            address(reserveGovernor), abi.encodeCall(IReserveGovernor.castVote, (id, IReserveGovernor.VoteType.For))
        );
        lender.flashMint(fWeth, amount, attacker);
        assertFalse(attacker.succeeded(), "refused");
        assertEq(reserveGovernor.proposal(id).forVotes, 0, "nothing tallied");
    }
}
