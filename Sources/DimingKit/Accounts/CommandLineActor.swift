import DimingCore

/// Who acts at the command line, as the audit trail names them (操作人): an account of the registry,
/// named with `--actor` (its role and scope apply, as on the web), or, without one, the command line
/// itself, marked `cli:` and the system user's name, acting as the registry's administrator (whoever
/// can open the registry file administers it). Never free text: an audit row names a real account or
/// a clearly marked system actor.
public enum CommandLineActor {
    /// The marker of the command line's own actor in the audit trail.
    public static let prefix = "cli:"

    /// The command line itself, run by the system user `user`.
    public static func system(user: String?) -> UserAccount {
        let name = (user?.isEmpty == false ? user! : "unknown")
        return .commandLine(prefix + name)
    }

    /// The account `username`; throws unless the registry has it and it is enabled.
    public static func account(_ username: String, in registry: any RegistryStore) throws -> UserAccount {
        guard let (account, _) = try registry.read({ try $0.users.find(username: username) }) else {
            throw InputError(field: "--actor", "\(username) is not an account of this registry: name one (diming users list), "
                + "or leave out --actor (and $DIMING_ACTOR) to act as the command line (\(prefix)USER)")
        }
        guard account.disabledAt == nil else {
            throw InputError(field: "--actor", "the account \(username) is disabled")
        }
        return account
    }
}
