import EngageDomain
import Foundation

extension NotificationPreferences {
    /// Preferences as the `stakeholder_notification_settings.preferences` column keeps them, or the
    /// defaults when the organisation never changed them.
    public static func stored(_ json: String?) -> NotificationPreferences {
        json.flatMap { JSONText.decode(NotificationPreferences.self, $0) } ?? NotificationPreferences()
    }
}
