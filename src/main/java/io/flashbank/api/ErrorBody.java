package io.flashbank.api;

import java.util.Objects;

/** The JSON body of every error the API answers, the HTTP layer's too: a stable code and a message for people. */
record ErrorBody(String error, String message) {
    ErrorBody {
        Objects.requireNonNull(error, "error");
        message = String.valueOf(message);
    }

    static ErrorBody of(ApiError e) {
        return new ErrorBody(e.code, e.getMessage());
    }
}
