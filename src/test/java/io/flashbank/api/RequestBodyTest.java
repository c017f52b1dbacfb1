package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Field validation at the API's edge: each malformed value gets the right status and a message naming the field. */
class RequestBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode body(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static int status(Runnable r) {
        try {
            r.run();
        } catch (ApiError e) {
            return e.status;
        }
        throw new AssertionError("no ApiError thrown");
    }

    @Test
    void acceptsLowerCaseAndChecksummedAddressesAndReturnsLowerCase() throws Exception {
        assertThat(RequestBody.address(body("{\"a\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\"}"), "a"))
                .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        assertThat(RequestBody.address(body("{\"a\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\"}"), "a"))
                .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    }

    @Test
    void rejectsAWrongChecksumAndMalformedAddressesWith400() {
        assertThatThrownBy(() -> RequestBody.address("0xF39fd6e51aad88F6F4ce6aB8827279cffFb92266", "provider"))
                .isInstanceOf(ApiError.class).hasMessageContaining("checksum");
        assertThat(status(() -> RequestBody.address("0x1234", "provider"))).isEqualTo(400);
        assertThat(status(() -> RequestBody.address("f39fd6e51aad88f6f4ce6ab8827279cfffb92266", "provider"))).isEqualTo(400);
    }

    @Test
    void rejectsNegativeZeroOverflowingAndNonDecimalAmounts() throws Exception {
        assertThat(status(() -> RequestBody.amount(uncheck("{\"amount\":\"-5\"}"), "amount"))).isEqualTo(422);
        assertThat(status(() -> RequestBody.amount(uncheck("{\"amount\":\"0\"}"), "amount"))).isEqualTo(422);
        String tooBig = BigInteger.TWO.pow(256).toString();
        assertThat(status(() -> RequestBody.amount(uncheck("{\"amount\":\"" + tooBig + "\"}"), "amount"))).isEqualTo(422);
        assertThat(status(() -> RequestBody.amount(uncheck("{\"amount\":\"1e18\"}"), "amount"))).isEqualTo(400);
        assertThat(status(() -> RequestBody.amount(uncheck("{\"amount\":12}"), "amount"))).isEqualTo(400);
        assertThat(status(() -> RequestBody.amount(uncheck("{\"amount\":\"007\"}"), "amount"))).isEqualTo(400);
        assertThat(RequestBody.amount(body("{\"amount\":\"" + BigInteger.TWO.pow(256).subtract(BigInteger.ONE) + "\"}"), "amount"))
                .isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
    }

    @Test
    void rejectsWrongTypesForChainIdAndSignedTransaction() {
        assertThat(status(() -> RequestBody.chainId(uncheck("{\"chainId\":\"1\"}")))).isEqualTo(400);
        assertThat(status(() -> RequestBody.chainId(uncheck("{\"chainId\":-1}")))).isEqualTo(400);
        assertThat(status(() -> RequestBody.hexData(uncheck("{\"signedTransaction\":\"0xzz\"}"), "signedTransaction"))).isEqualTo(400);
        assertThat(status(() -> RequestBody.hexData(uncheck("{\"signedTransaction\":\"0x123\"}"), "signedTransaction"))).isEqualTo(400);
    }

    private static JsonNode uncheck(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void takesOnlyApplicationJsonAsJsonInAnyCaseWithOrWithoutParameters() {
        assertThat(RequestBody.isJson("application/json")).isTrue();
        assertThat(RequestBody.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(RequestBody.isJson("application/jsonx")).isFalse();
        assertThat(RequestBody.isJson("application/json-patch+json")).isFalse();
        assertThat(RequestBody.isJson("")).isFalse();
    }

    @Test
    void refusesAChainIdPastTheLongRangeInsteadOfWrappingIt() {
        assertThat(status(() -> RequestBody.chainId(uncheck("{\"chainId\":18446744073709582953}")))).isEqualTo(400);
        assertThat(status(() -> RequestBody.chainId(uncheck("{\"chainId\":9223372036854807145}")))).isEqualTo(400);
        assertThat(RequestBody.chainId(uncheck("{\"chainId\":31337}"))).isEqualTo(31337);
    }
}
