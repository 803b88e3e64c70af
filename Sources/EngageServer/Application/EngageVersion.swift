/// The version of Engage, as `engage --version` and the webhook user agent name it.
public enum EngageVersion {
    public static let current = "0.2.0"
}
