-- print() must reach the callflow log under the script's name.
function handler(event)
	print("hello from", event.Who, 42)
end
