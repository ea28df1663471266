/** `project init ruby`: a Ruby 3+ server on the standard library's socket (WEBrick left the stdlib in 3.0). */
import type { Template } from './template-types.ts';

export const ruby: Template = {
  language: 'ruby',
  label: 'Ruby 3+ (socket from the standard library, no gems)',
  command: 'ruby server.rb',
  startTimeout: 30,
  files: {
    'server.rb': `# A minimal bookmarks API: for now it only answers GET /health. Build the rest stage by stage.
require "json"
require "socket"

port = Integer(ENV.fetch("PORT", "8080"))
server = TCPServer.new("127.0.0.1", port)
puts({ level: "info", msg: "listening", port: port }.to_json)
$stdout.flush

def respond(client, status, reason, body)
  data = body.to_json
  client.write "HTTP/1.1 #{status} #{reason}\\r\\nContent-Type: application/json\\r\\n" \\
               "Content-Length: #{data.bytesize}\\r\\nConnection: close\\r\\n\\r\\n#{data}"
end

loop do
  Thread.new(server.accept) do |client|
    request_line = client.gets.to_s
    while (line = client.gets) && line != "\\r\\n"; end # skip headers
    method, path = request_line.split(" ")
    if method == "GET" && path == "/health"
      respond(client, 200, "OK", { status: "ok" })
    else
      respond(client, 404, "Not Found", { error: { message: "Not found" } })
    end
  ensure
    client.close
  end
end
`,
  },
};
