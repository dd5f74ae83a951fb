import Foundation
import Hummingbird

/// The pages' own stylesheet and script, served from `/assets/`, and Leaflet, served from where
/// Debian's `libjs-leaflet` installs it (`/usr/share/javascript/leaflet`, or `$DIMING_LEAFLET`):
/// nothing comes from a CDN, so the site works offline; no inline style block or script is needed
/// beyond the few that carry the response's CSP nonce.
enum Assets {
    /// Where Leaflet's files are (leaflet.js, leaflet.css, images/).
    static var leafletFolder: String {
        ProcessInfo.processInfo.environment["DIMING_LEAFLET"] ?? "/usr/share/javascript/leaflet"
    }

    static var leafletInstalled: Bool { FileManager.default.fileExists(atPath: leafletFolder + "/leaflet.js") }

    static func register(on router: Router<AppContext>) {
        router.get("/assets/site.css") { _, _ in response(css, type: "text/css; charset=utf-8") }
        router.get("/assets/site.js") { _, _ in response(script, type: "text/javascript; charset=utf-8") }
        router.get("/assets/map.js") { _, _ in response(MapScript.source, type: "text/javascript; charset=utf-8") }
        router.get("/assets/leaflet/**") { _, context in
            // Only Leaflet's own files: a name of letters, digits, dots and dashes, in its folder or images/.
            let path = context.parameters.getCatchAll().joined(separator: "/")
            guard path.range(of: #"^(images/)?[A-Za-z0-9.-]+\.(js|css|png)$"#, options: .regularExpression) != nil,
                  let data = FileManager.default.contents(atPath: leafletFolder + "/" + path) else {
                throw HTTPError(.notFound, message: "Leaflet (libjs-leaflet) has no \(path)")
            }
            let type = path.hasSuffix(".js") ? "text/javascript; charset=utf-8" : path.hasSuffix(".css") ? "text/css; charset=utf-8" : "image/png"
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=86400"], body: .init(byteBuffer: ByteBuffer(data: data)))
        }
    }

    static func response(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static let css = """
        :root { --blue: #1d4f9c; --red: #b00020; --amber: #a15c00; --green: #11762c; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; margin: 0; color: #1b1f23; background: #f5f6f8; line-height: 1.5; }
        header { background: var(--blue); color: #fff; padding: 8px 20px; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
        header a { color: #fff; text-decoration: none; } header a[aria-current] { text-decoration: underline; }
        header nav { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: center; flex: 1; }
        header .who { margin-left: auto; }
        .menu-button { display: none; background: none; border: 1px solid #fff8; color: #fff; border-radius: 4px; }
        main { max-width: 1100px; margin: 20px auto; background: #fff; padding: 20px 28px; border-radius: 6px; }
        h1 { font-size: 1.5em; margin-top: 0; }
        table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }
        th { background: #f0f2f5; }
        .error { color: var(--red); } .warning { color: var(--amber); } .info { color: #555; } .ok { color: var(--green); }
        .finding { padding: 4px 0; } input, select, button, textarea { font: inherit; padding: 4px 8px; max-width: 100%; } form.inline { display: inline; }
        button { cursor: pointer; }
        .pinyin { font-size: 1.3em; letter-spacing: .05em; } .muted { color: #666; }
        .clock { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: .9em; white-space: nowrap; }
        .clock.overdue { background: var(--red); color: #fff; } .clock.soon { background: #f6c343; color: #3b2a00; } .clock.later { background: #e7ecf3; }
        .sections { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px; }
        .section { border: 1px solid #dde1e6; border-radius: 6px; padding: 10px 14px; }
        section.section + section.section { margin-top: 12px; }
        main form label { display: inline-block; margin: 0 8px 6px 0; } main input, main select { max-width: 100%; }
        fieldset.inline { display: inline; border: none; padding: 0; margin: 0; } fieldset.inline legend { display: inline; float: left; margin-right: 6px; }
        nav.tabs { display: flex; gap: 4px; flex-wrap: wrap; margin: 0 0 12px; border-bottom: 1px solid #dde1e6; }
        nav.tabs a { padding: 6px 14px; text-decoration: none; border: 1px solid #dde1e6; border-bottom: none; border-radius: 6px 6px 0 0; background: #f4f6f8; }
        form.upload progress { width: 100%; height: 14px; } td.detail { font-size: 0.85em; color: #555; word-break: break-all; }
        .section h2 { font-size: 1.1em; margin: 0 0 6px; } .section ul { list-style: none; padding: 0; margin: 0; } .section li { padding: 4px 0; border-top: 1px solid #eee; }
        .count { display: inline-block; min-width: 1.6em; text-align: center; background: var(--blue); color: #fff; border-radius: 10px; font-size: .85em; }
        .filters { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 8px 0 12px; }
        .pages { display: flex; gap: 12px; align-items: center; margin-top: 10px; }
        #map, .minimap { width: 100%; height: 560px; border: 1px solid #ccc; background: #f4f3ee; }
        .minimap { height: 300px; margin: 10px 0; }
        .legend span { margin-right: 12px; white-space: nowrap; }
        .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 240px), 1fr)); gap: 0 12px; margin: 8px 0; }
        main form .fields label { display: flex; flex-direction: column; margin: 0 0 6px; min-width: 0; } .fields label.wide { grid-column: 1 / -1; }
        .fields input { width: 100%; }
        .pinyin, #check, .reason { overflow-wrap: anywhere; } .readings label { margin-right: 4px; }
        .sign-plate { margin: 12px 0; } .sign-plate svg { display: block; width: 100%; height: auto; }
        .label { background: none; border: none; box-shadow: none; font-size: 12px; color: #222; text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
        @media (max-width: 760px) {
          header { padding: 8px 12px; }
          .menu-button { display: inline-block; margin-left: auto; }
          header nav { display: none; flex-basis: 100%; flex-direction: column; align-items: flex-start; }
          header.open nav { display: flex; }
          header .who { margin-left: 0; }
          main { margin: 0; padding: 14px 12px; border-radius: 0; }
          table { display: block; overflow-x: auto; white-space: nowrap; }
          #map { height: 420px; }
        }
        """

    static let script = """
        // The menu button on narrow screens.
        document.addEventListener('DOMContentLoaded', () => {
          const header = document.querySelector('header'), button = document.querySelector('.menu-button');
          if (button) button.addEventListener('click', () => {
            const open = header.classList.toggle('open'); button.setAttribute('aria-expanded', open ? 'true' : 'false'); });
        });
        """
}
