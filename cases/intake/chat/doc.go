// Package chat reads the chat exports families and advocates already hold
// — WhatsApp's "Export chat" text (Android and iOS layouts, alone or in the
// .zip WhatsApp makes with the media) and Telegram Desktop's result.json —
// into a list of messages with their exact times, senders, verbatim text
// and attachment names, plus the problems found, each with its line; and
// turns the messages chosen into timeline events (Events) with a stable key
// per message, so that importing the same export twice adds nothing.
//
// It is pure: it imports only package cases, writes nothing and knows
// nothing of the vault (package chatimport stores the events). Errors and
// problems carry line numbers and kinds, never the text of a message.
//
// The layouts were checked against public parsers of these exports:
// joweich/chat-miner (chatminer/chatparsers.py: the optional U+200E before
// a WhatsApp line, "[date, time]" versus "date, time - ", the day/month
// order decided from a number above 12; Telegram's "text" as a string or a
// list of strings and entities, "date_unixtime", single-chat and full
// exports with "chats"/"list") and the WhatsApp parsers found by a code
// search (Android "(file attached)", "<Media omitted>", iOS
// "<attached: …>").
package chat
