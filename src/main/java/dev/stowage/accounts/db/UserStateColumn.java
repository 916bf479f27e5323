package dev.stowage.accounts.db;

import dev.stowage.accounts.UserState;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link UserState} as its wire word ("enabled", "disabled"). */
@Converter
public class UserStateColumn implements AttributeConverter<UserState, String> {
    @Override
    public String convertToDatabaseColumn(UserState state) {
        return state == null ? null : state.wire();
    }

    @Override
    public UserState convertToEntityAttribute(String column) {
        if (column == null) {
            return null;
        }
        for (UserState s : UserState.values()) {
            if (s.wire().equals(column)) {
                return s;
            }
        }
        throw new IllegalStateException("unknown user state in the database: " + column);
    }
}
