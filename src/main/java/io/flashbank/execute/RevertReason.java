package io.flashbank.execute;

import io.flashbank.chain.RpcException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;

/** Turns revert data from the executor, FlashBank or Solidity itself into a readable reason. */
final class RevertReason {
    /** The node's error data as {@link RpcException} carries it in its message: {@code (data 0x…)} or {@code (data "0x…")}. */
    private static final Pattern DATA = Pattern.compile("\\(data \"?(0x[0-9a-fA-F]*)\"?\\)");
    private static final int WORD_HEX = 64;
    /** Custom errors of IArbitrageExecutor and IFlashBank, with Solidity's own Error(string) and Panic(uint256). */
    private static final List<String> SIGNATURES = List.of(
            "Error(string)", "Panic(uint256)",
            "InsufficientProfit(int256,uint256)", "NotOwner(address)", "EmptyRoute()", "ZeroAddress()", "ZeroAmount()",
            "RouteStartMismatch(address,address)", "RouteEndMismatch(address,address)", "UntrustedLender(address)",
            "UntrustedInitiator(address)", "LoanNotReceived(address)", "TransferFailed(address,address,uint256)",
            "ApproveFailed(address,address,uint256)",
            "UnsupportedToken(address)", "InsufficientLiquidity(uint256,uint256)", "TooManyProviders(uint256,uint256)",
            "CallbackFailed(bytes32)", "RepaymentFailed(address,address,uint256)", "LoansPaused()", "Reentrancy()",
            "AlreadyListed(address)", "CommitmentBelowMinimum(uint256,uint256)", "CommitmentTooLarge(uint256,uint256)",
            "FeeTooHigh(uint256,uint256)", "NotPendingOwner(address)", "NothingToWithdraw(address,address)",
            "ProviderSetFull(address,uint256)", "ProviderStillActive(address,uint256)",
            "ProviderNotWeaker(address,uint256,uint256)", "NotAProvider(address,address)",
            "MinCommitmentTooLow(uint256,uint256)");
    private static final Map<String, String> BY_SELECTOR = selectors();

    private RevertReason() {
    }

    private static Map<String, String> selectors() {
        Map<String, String> map = new HashMap<>();
        SIGNATURES.forEach(s -> map.put(Hash.sha3String(s).substring(0, 10), s));
        return Map.copyOf(map);
    }

    /** The revert data an {@link RpcException} from a reverted call carries, if it carries any. */
    static Optional<String> dataOf(Throwable error) {
        if (!(error instanceof RpcException rpc) || !rpc.nodeError() || rpc.getMessage() == null) {
            return Optional.empty();
        }
        Matcher m = DATA.matcher(rpc.getMessage());
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** The decoded revert data of {@code error}, else its message. */
    static String of(Throwable error) {
        return dataOf(error).map(RevertReason::decode).orElseGet(() -> String.valueOf(error.getMessage()));
    }

    /**
     * {@code data} as {@code Name(arg, …)}: {@code InsufficientProfit(-12, 5)}, {@code Error("UniswapV2: K")},
     * {@code Panic(0x11)}; an unknown selector as {@code custom error 0x…}; no data as {@code reverted without data}.
     */
    static String decode(String data) {
        String hex = data == null ? "" : data.toLowerCase(Locale.ROOT);
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        if (hex.isEmpty()) {
            return "reverted without data";
        }
        if (hex.length() < 8) {
            return "reverted with malformed data 0x" + hex;
        }
        String signature = BY_SELECTOR.get("0x" + hex.substring(0, 8));
        if (signature == null) {
            return "custom error 0x" + hex.substring(0, 8) + (hex.length() > 8 ? " with " + (hex.length() - 8) / 2 + " bytes of arguments" : "");
        }
        String args = hex.substring(8);
        try {
            if (signature.equals("Error(string)")) {
                return "Error(\"" + string(args) + "\")";
            }
            if (signature.equals("Panic(uint256)")) {
                return "Panic(0x" + new BigInteger(args.substring(0, WORD_HEX), 16).toString(16) + ")";
            }
            String name = signature.substring(0, signature.indexOf('('));
            String types = signature.substring(name.length() + 1, signature.length() - 1);
            if (types.isEmpty()) {
                return name + "()";
            }
            String[] parts = types.split(",");
            if (args.length() < parts.length * WORD_HEX) {
                return signature + " with truncated arguments";
            }
            StringBuilder out = new StringBuilder(name).append('(');
            for (int i = 0; i < parts.length; i++) {
                out.append(i == 0 ? "" : ", ").append(value(parts[i], args.substring(i * WORD_HEX, (i + 1) * WORD_HEX)));
            }
            return out.append(')').toString();
        } catch (RuntimeException e) {
            return signature + " with malformed arguments";
        }
    }

    private static String value(String type, String word) {
        BigInteger unsigned = new BigInteger(word, 16);
        return switch (type) {
            case "address" -> "0x" + word.substring(WORD_HEX - 40);
            case "int256" -> unsigned.testBit(255) ? unsigned.subtract(BigInteger.ONE.shiftLeft(256)).toString() : unsigned.toString();
            case "bytes32" -> "0x" + word;
            case "uint256" -> unsigned.toString();
            default -> "0x" + word;
        };
    }

    private static String string(String args) {
        int offset = new BigInteger(args.substring(0, WORD_HEX), 16).intValueExact() * 2;
        int length = new BigInteger(args.substring(offset, offset + WORD_HEX), 16).intValueExact();
        String body = args.substring(offset + WORD_HEX, offset + WORD_HEX + length * 2);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) Integer.parseInt(body.substring(2 * i, 2 * i + 2), 16);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
