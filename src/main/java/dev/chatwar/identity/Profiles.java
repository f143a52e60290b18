package dev.chatwar.identity;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Users' display names: each user sets its own; any signed-in user looks up those of the names it shows. */
public final class Profiles {

    /** The most names one lookup takes. */
    public static final int MAX_LOOKUP = 100;

    private final AccountStore store;

    Profiles(AccountStore store) {
        this.store = store;
    }

    /** Sets (null: clears) the user's display name, checked against {@link DisplayName}'s rule. */
    public AccountStore.Profile set(UserName user, String displayName) {
        String name = DisplayName.valid(displayName);
        if (!store.setDisplayName(user, name)) {
            throw new ChatException(ErrorCode.NOT_FOUND, "no account of '" + user + "'");
        }
        return new AccountStore.Profile(user, name);
    }

    /** The profiles of the names given (in any case; those of nobody are left out): 1 to 100 user names. */
    public List<AccountStore.Profile> of(Collection<String> names) {
        if (names.isEmpty() || names.size() > MAX_LOOKUP) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "name 1 to " + MAX_LOOKUP + " users");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String name : names) {
            if (!UserName.isValid(name)) {
                throw new ChatException(ErrorCode.INVALID_FIELD, "not a user name: a list of user names");
            }
            keys.add(new UserName(name).key());
        }
        return store.profiles(keys);
    }
}
